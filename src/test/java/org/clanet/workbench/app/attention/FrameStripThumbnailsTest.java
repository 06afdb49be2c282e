package org.clanet.workbench.app.attention;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Above a scrolling thumbnail list, each bar sits over its thumbnail: clicking above a thumbnail selects it. */
@ExtendWith(ApplicationExtension.class)
class FrameStripThumbnailsTest {

    private final FrameStripViewModel vm = new FrameStripViewModel();
    private FrameStripView strip;
    private ListView<String> thumbnails;

    @Start
    void start(Stage stage) {
        double[] sums = new double[22];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            sums[i] = 1 + i % 5;
            labels.add("frame " + i);
        }
        vm.stripProperty().set(new FrameStripViewModel.Strip(sums, labels, "A549"));
        thumbnails = new ListView<>();
        thumbnails.getItems().setAll(labels);
        thumbnails.setOrientation(Orientation.HORIZONTAL);
        thumbnails.setFixedCellSize(112);
        thumbnails.setPrefHeight(90);
        strip = new FrameStripView(vm);
        strip.followThumbnails(thumbnails);
        stage.setScene(new Scene(new VBox(strip, thumbnails), 700, 150));
        stage.show();
    }

    /** Clicks the strip right above thumbnail {@code i} and returns the frame the strip selected. */
    private int clickAbove(FxRobot robot, int i) throws Exception {
        Point2D p = onFx(() -> {
            ListCell<?> cell = thumbnails.lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
                    .filter(c -> c.getIndex() == i && c.isVisible()).findFirst().orElseThrow();
            Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            return new Point2D(b.getMinX() + b.getWidth() / 2, strip.localToScreen(0, 30).getY());
        });
        robot.clickOn(p);
        return onFx(() -> vm.selectedIndexProperty().get());
    }

    @Test
    @org.junit.jupiter.api.Disabled("flaky in the full suite (the offset does not follow scrollTo(12) within 5 s after"
            + " EvaluationViewTest/TrainingDashboardTest in the same JVM; passes alone and in most orders); owner: viz."
            + " Run alone: mvn -Dtest=FrameStripThumbnailsTest")
    void barsFollowTheThumbnailsWhenScrolled(FxRobot robot) throws Exception {
        assertEquals(112, onFx(() -> strip.slotWidthProperty().get()));
        assertEquals(2, clickAbove(robot, 2));
        onFx(() -> thumbnails.scrollTo(12));
        await(5, () -> Math.abs(strip.offsetProperty().get()) > 500);
        assertEquals(13, clickAbove(robot, 13));
        assertEquals(14, clickAbove(robot, 14));
    }
}
