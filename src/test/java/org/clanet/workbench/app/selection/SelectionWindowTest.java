package org.clanet.workbench.app.selection;

import org.clanet.workbench.app.RealWindowTest;
import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.clanet.workbench.app.viewer.ImageViewer;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;

/**
 * The selection features in the real window (headless Monocle): mask overlay on and off changes the canvas, a
 * parameter typed into the panel changes the patch count, Apply to dataset gives the navigator badge, the gallery
 * opens a patch's frame, and a blank frame shows its note.
 */
class SelectionWindowTest extends RealWindowTest {

    private SelectionViewModel sel() {
        return vm.selection();
    }

    private Sequence sequence(String name) {
        return vm.dataset().getDataset().sequences().filter(s -> s.displayName().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Pixels of the viewer canvas that look like the (cyan) mask tint: clearly more blue than red. */
    private int maskTintedPixels(FxRobot robot) throws Exception {
        ImageViewer viewer = robot.lookup(".image-viewer").queryAs(ImageViewer.class);
        return onFx(() -> {
            WritableImage snap = viewer.canvas().snapshot(null, null);
            PixelReader pr = snap.getPixelReader();
            int n = 0;
            for (int y = 0; y < (int) snap.getHeight(); y += 2) {
                for (int x = 0; x < (int) snap.getWidth(); x += 2) {
                    int argb = pr.getArgb(x, y);
                    int r = argb >> 16 & 0xff;
                    int b = argb & 0xff;
                    if (b - r > 40) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    private void clickTab(FxRobot robot, String text) {
        robot.clickOn(robot.lookup(".tab-label").match(n -> text.equals(((Labeled) n).getText()))
                .queryAs(Node.class));
    }

    private boolean settled(Sequence s, int frame) {
        FrameSelection r = sel().getResult();
        return r != null && r.frame().equals(s.frames().get(frame)) && !sel().busyProperty().get()
                && r.params().equals(sel().getParameters());
    }

    @Test
    void maskToggleParameterEditApplyBadgeAndGallery(FxRobot robot) throws Exception {
        Path ds = BlobImages.dataset(tmp.resolve("ds"));
        onFx(() -> vm.open(ds));
        await(10, () -> vm.navigator().getRoot() != null);
        onFx(() -> { vm.navigator().selectByName("G7"); });
        Sequence g7 = sequence("G7");
        await(20, () -> settled(g7, 0) && vm.viewer().shownFrameProperty().get() == g7.frames().get(0));
        int defaults = sel().getResult().patches().size();
        assertTrue(defaults > 3, "patches with the defaults: " + defaults);

        // the mask overlay: on by default, the toolbar toggle hides it
        await(5, () -> {
            try {
                return maskTintedPixels(robot) > 500;
            } catch (Exception e) {
                return false;
            }
        });
        int tinted = maskTintedPixels(robot);
        robot.clickOn("#maskOverlayToggle");
        await(5, () -> !sel().overlays().maskVisibleProperty().get());
        await(5, () -> {
            try {
                return maskTintedPixels(robot) < tinted / 20;
            } catch (Exception e) {
                return false;
            }
        });
        robot.clickOn("#maskOverlayToggle");
        await(5, () -> sel().overlays().maskVisibleProperty().get());

        // the parameters panel: finalRegion = 3 re-runs this frame
        clickTab(robot, "Selection");
        TextField finalRegion = robot.lookup("#param-finalRegion").queryAs(TextField.class);
        assertEquals("20", onFx(() -> finalRegion.getText()));
        onFx(() -> { // it may be scrolled out of the panel's view: focus it as Tab would
            finalRegion.requestFocus();
            finalRegion.selectAll();
        });
        robot.write("3");
        await(10, () -> sel().getParameters().finalRegion() == 3 && settled(g7, 0));
        assertEquals(3, sel().getResult().patches().size());
        Label summary = robot.lookup("#selectionSummary").queryAs(Label.class);
        await(5, () -> summary.getText().startsWith("3 patches · mask "));

        // apply to the dataset: background task, then the badge and overlays from the workspace
        robot.clickOn("#applyToDataset");
        await(60, () -> sel().applyTaskProperty().get() != null && sel().applyTaskProperty().get().isFinished());
        assertEquals(javafx.concurrent.Worker.State.SUCCEEDED, onFx(() -> sel().applyTaskProperty().get().getState()));
        await(10, () -> sel().getResult() != null
                && sel().getResult().source() == FrameSelection.Source.WORKSPACE);
        await(10, () -> robot.lookup(".nav-badge").queryAll().stream()
                .anyMatch(n -> n instanceof FontIcon f && PatchBadges.ICON_ALL.equals(f.getIconLiteral())));
        assertTrue(robot.lookup("#applyMessage").queryAs(Label.class).getText().contains("processed"));

        // the gallery: 4 frames × 3 patches, clicking one opens its frame with the box highlighted
        clickTab(robot, "Patches");
        onFx(() -> robot.lookup("#sideSplit").queryAs(javafx.scene.control.SplitPane.class)
                .setDividerPositions(1.0)); // the whole height for the gallery: every cell on screen
        await(20, () -> sel().gallery().items().size() == 12 && !sel().gallery().loadingProperty().get());
        onFx(() -> sel().gallery().sortProperty().set(GalleryViewModel.Sort.TIME));
        await(10, () -> robot.lookup(".patch-cell").queryAll().stream()
                .anyMatch(n -> n instanceof org.controlsfx.control.GridCell<?> c && c.getItem() != null));
        Node lastCell = robot.lookup(".patch-cell").queryAll().stream()
                .filter(n -> n instanceof org.controlsfx.control.GridCell<?> c && c.getItem() != null
                        && ((GalleryViewModel.Item) c.getItem()).frameIndex() == 3)
                .findFirst().orElseThrow();
        robot.clickOn(lastCell);
        await(5, () -> vm.timeline().getIndex() == 3);
        await(10, () -> settled(g7, 3));
        SelectionViewModel.Highlight h = onFx(() -> sel().highlightProperty().get());
        assertEquals(g7.frames().get(3), h.frame());

        // a blank frame: the note, nothing thrown
        clickTab(robot, "Selection");
        onFx(() -> { vm.navigator().selectByName("B2"); });
        Sequence b2 = sequence("B2");
        await(10, () -> settled(b2, 0));
        Label note = robot.lookup("#selectionNote").queryAs(Label.class);
        await(5, () -> note.isVisible() && note.getText().contains("no cells found"));
    }
}
