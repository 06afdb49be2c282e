package org.clanet.workbench.app.attention;

import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The frame strip: one bar per frame coloured by summed attention; a click selects that frame. */
@ExtendWith(ApplicationExtension.class)
class FrameStripViewTest {

    private final FrameStripViewModel vm = new FrameStripViewModel();
    private FrameStripView view;
    private final List<Integer> clicked = new ArrayList<>();

    @Start
    void start(Stage stage) {
        double[] sums = new double[10];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sums[i] = i == 6 ? 1.0 : 0.1 + 0.05 * i;
            labels.add(i * 4 + "h");
        }
        vm.stripProperty().set(new FrameStripViewModel.Strip(sums, labels, "A549"));
        vm.setOnSelect(clicked::add);
        view = new FrameStripView(vm);
        view.setPrefSize(500, 50);
        stage.setScene(new Scene(new VBox(view), 500, 50));
        stage.show();
    }

    @Test
    void clickingABarSelectsItsFrame(FxRobot robot) throws Exception {
        Point2D p = onFx(() -> view.localToScreen(6.5 * view.getWidth() / 10, 40));
        robot.clickOn(p);
        assertEquals(6, onFx(() -> vm.selectedIndexProperty().get()));
        assertEquals(List.of(6), clicked);
        Point2D q = onFx(() -> view.localToScreen(0.5 * view.getWidth() / 10, 45));
        robot.clickOn(q);
        assertEquals(0, onFx(() -> vm.selectedIndexProperty().get()));
    }

    @Test
    void barsAreColouredAndSizedBySummedAttention() throws Exception {
        WritableImage snap = onFx(() -> {
            view.draw();
            return view.canvas().snapshot(null, null);
        });
        int w = (int) snap.getWidth();
        int h = (int) snap.getHeight();
        // the tallest bar (frame 6) reaches near the top in the colour map's top colour
        int top = snap.getPixelReader().getArgb((int) (6.5 * w / 10), 4) & 0xffffff;
        assertEquals(ColorMap.VIRIDIS.rgb(1.0), top);
        // frame 0 (0.1 of the max) is short: background above its bottom tenth
        int above = snap.getPixelReader().getArgb((int) (0.5 * w / 10), h / 2) & 0xffffff;
        assertEquals(0x26282b, above);
        assertTrue(vm.describe(6).startsWith("frame 7 of 10 · 24h · summed attention 1.00"), vm.describe(6));
        assertEquals(-1, FrameStripViewModel.indexAt(-1, 500, 10));
        assertEquals(9, FrameStripViewModel.indexAt(499.9, 500, 10));
    }
}
