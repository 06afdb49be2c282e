package org.clanet.workbench.app;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.clanet.workbench.app.prediction.ResultCardViewModel;
import org.clanet.workbench.cli.TrainedSample;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The one-click path in the real window (headless Monocle) on sample data embedded and trained with the CLI:
 * select a sequence, Ctrl+P, the card appears with its bars, the heatmap layer changes the viewer's pixels, the
 * frame strip shows above the thumbnails and a click on it moves the timeline; the badge appears in the navigator.
 */
class PredictionWindowTest extends RealWindowTest {

    private int[] viewerPixels() throws Exception {
        return onFx(() -> {
            WritableImage snap = window.controller().viewer.canvas().snapshot(null, null);
            int w = (int) snap.getWidth();
            int h = (int) snap.getHeight();
            int[] px = new int[w * h];
            snap.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0,
                    w);
            return px;
        });
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void selectPredictSeeCardHeatmapAndStrip(FxRobot robot) throws Exception {
        assumeTrue(TrainedSample.available(), "sample-data/ is not here");
        Path data = TrainedSample.prepare(tmp.resolve("work"), 3, 10);
        onFx(() -> vm.open(data));
        await(20, () -> vm.navigator().getRoot() != null && vm.dataset().getDataset() != null);
        await(20, () -> vm.identification().prediction().modelProperty().get() != null);
        IdentificationWiring ui = window.controller().identification;
        assertEquals(ResultCardViewModel.State.NO_PREDICTION, onFx(() -> {
            Sequence first = vm.dataset().getDataset().sequences().findFirst().orElseThrow();
            vm.navigator().select(first);
            return vm.identification().prediction().card().getState();
        }));
        Sequence s = onFx(() -> vm.navigator().getSelected());
        await(10, () -> vm.viewer().shownFrameProperty().get() == s.frames().get(0));
        assertFalse(onFx(() -> ui.strip.isVisible()), "no strip before a prediction");
        int[] before = viewerPixels();

        // one click: Ctrl+P (the menu's accelerator; the toolbar button does the same)
        robot.clickOn(window.controller().viewer);
        robot.press(KeyCode.CONTROL).press(KeyCode.P).release(KeyCode.P).release(KeyCode.CONTROL);
        await(120, () -> vm.identification().prediction().card().getState() == ResultCardViewModel.State.RESULT);
        assertTrue(onFx(() -> ui.predictionTab.isSelected()), "the Prediction tab is shown");

        // the card with one bar per top line, highest first
        List<ProgressBar> bars = onFx(() -> List.copyOf(robot.from(ui.card).lookup(".probability-bar")
                .queryAllAs(ProgressBar.class)));
        assertFalse(bars.isEmpty());
        double top = onFx(() -> bars.get(0).getProgress());
        assertTrue(top > 0 && top <= 1, "top probability " + top);

        // the heatmap layer changes the viewer's pixels, and toggling it off gives them back
        await(20, () -> {
            try {
                return differing(before, viewerPixels()) > 1000;
            } catch (Exception e) {
                return false;
            }
        });
        onFx(() -> vm.identification().heatmapLayer().visibleProperty().set(false));
        await(20, () -> {
            try {
                return differing(before, viewerPixels()) < 50;
            } catch (Exception e) {
                return false;
            }
        });
        onFx(() -> vm.identification().heatmapLayer().visibleProperty().set(true));

        // the frame strip: one bar per frame of the sequence; a click on the last bar moves the timeline
        await(10, () -> ui.strip.isVisible() && ui.strip.getHeight() > 0);
        assertEquals(s.frames().size(), (int) onFx(() -> vm.identification().prediction().strip().stripProperty()
                .get().size()));
        double slot = onFx(() -> ui.strip.slotWidthProperty().get());
        double offset = onFx(() -> ui.strip.offsetProperty().get());
        javafx.geometry.Bounds b = onFx(() -> ui.strip.localToScreen(ui.strip.getBoundsInLocal()));
        int last = s.frames().size() - 1;
        robot.clickOn(b.getMinX() + last * slot + slot / 2 - offset, b.getMinY() + b.getHeight() / 2);
        await(5, () -> vm.timeline().getIndex() == last);

        // the navigator's badge for the prediction
        assertEquals(1, (int) onFx(() -> vm.identification().prediction().badges().badges(s).size()));
        assertTrue(onFx(() -> vm.navigator().badges(s).stream().anyMatch(x -> x.tooltip().startsWith("Prediction"))));
    }
}
