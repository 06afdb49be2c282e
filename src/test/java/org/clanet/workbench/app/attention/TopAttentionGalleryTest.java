package org.clanet.workbench.app.attention;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.clanet.workbench.app.ViewsFixtures;
import org.clanet.workbench.imaging.GrayImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The top-attention gallery: most attended first, crops decoded in the background once per frame, click opens. */
@ExtendWith(ApplicationExtension.class)
class TopAttentionGalleryTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final AtomicInteger decodes = new AtomicInteger();
    private TopAttentionViewModel vm;
    private FrameHeatmap.Sequence seq;
    private final List<TopAttentionViewModel.Item> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new TopAttentionViewModel(f -> {
            decodes.incrementAndGet();
            float[] px = new float[704 * 520];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i % 704) / 704f;
            }
            return new GrayImage(704, 520, px, 32);
        }, pool, Platform::runLater);
        vm.setOnOpen(opened::add);
        seq = ViewsFixtures.attention(Path.of("/nonexistent"), "A549", 8, 704, 520, 5);
        vm.sequenceProperty().set(seq);
        stage.setScene(new Scene(new TopAttentionGalleryView(vm), 700, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void mostAttendedPatchesComeFirstWithTheirCrops(FxRobot robot) throws Exception {
        List<TopAttentionViewModel.Item> items = onFx(() -> List.copyOf(vm.items()));
        assertEquals(TopAttentionViewModel.DEFAULT_COUNT, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).patch().attention() >= items.get(i).patch().attention());
        }
        double best = seq.frames().stream().flatMap(f -> f.attention().patches().stream())
                .mapToDouble(p -> p.attention()).max().orElseThrow();
        assertEquals(best, items.get(0).patch().attention());
        await(10, () -> robot.lookup(".patch-cell").queryAll().stream()
                .flatMap(n -> n.lookupAll(".image-view").stream())
                .anyMatch(n -> ((ImageView) n).getImage() != null));
        long frames = items.stream().map(i -> i.frame().frame()).distinct().count();
        assertTrue(decodes.get() <= frames, decodes.get() + " decodes for " + frames + " frames");
        TopAttentionViewModel.Crop c = onFx(() -> vm.cachedCrop(items.get(0)));
        assertEquals(112, c.width());
        robot.clickOn(robot.lookup(".patch-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertEquals(1, opened.size());
        assertEquals(items.get(0), opened.get(0));
    }
}
