package org.clanet.workbench.app;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.dataset.SkippedFile;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Drives the real workbench window (headless Monocle): open, select, step with the keyboard, see the pixels. */
class WorkbenchWindowTest extends RealWindowTest {

    @Override
    protected void shown() {
        vm.probeEngine();
    }

    /** Mean screen gray of the viewer canvas's centre. */
    private double centreGray() throws Exception {
        return onFx(() -> {
            WritableImage snap = window.controller().viewer.canvas().snapshot(null, null);
            int cx = (int) snap.getWidth() / 2;
            int cy = (int) snap.getHeight() / 2;
            return (double) (snap.getPixelReader().getArgb(cx, cy) & 0xff);
        });
    }

    private Sequence sequence(String name) {
        return vm.dataset().getDataset().sequences().filter(s -> s.displayName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void openSelectStepWithArrowKeysAndSeeTheViewerChange(FxRobot robot) throws Exception {
        Path ds = TestDatasets.small(tmp.resolve("ds"));
        onFx(() -> vm.open(ds));
        await(10, () -> vm.navigator().getRoot() != null);
        assertTrue(onFx(() -> window.stage().getTitle()).endsWith(ds.toAbsolutePath().normalize().toString()));

        // click the sequence G7 in the navigator tree
        robot.clickOn(robot.lookup(".nav-label").match(n -> "G7".equals(((javafx.scene.control.Label) n).getText()))
                .queryAs(javafx.scene.Node.class));
        Sequence g7 = sequence("G7");
        await(5, () -> vm.navigator().getSelected() == g7);
        onFx(() -> vm.viewer().autoLevelsProperty().set(false)); // compare raw brightness between frames
        await(5, () -> vm.viewer().shownFrameProperty().get() == g7.frames().get(0));
        assertEquals(20 / 255f, vm.viewer().getImage().get(0, 0), 1e-6);
        double before = centreGray();

        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        await(5, () -> vm.viewer().shownFrameProperty().get() == g7.frames().get(1));
        assertEquals(1, (int) onFx(() -> vm.timeline().getIndex()));
        assertEquals(40 / 255f, vm.viewer().getImage().get(0, 0), 1e-6);
        await(5, () -> {
            try {
                return centreGray() > before;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals("2 of 5", onFx(() -> vm.inspector().value("Frame", "Index")));
        assertTrue(onFx(() -> window.controller().timeline.scrubber().getValue()) == 1.0);

        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        await(5, () -> vm.viewer().shownFrameProperty().get() == g7.frames().get(0));

        // the status bar shows the engine probe and the finished scan
        await(5, () -> vm.status().engineProperty().get().equals("Test engine · CPU"));
        assertTrue(onFx(() -> window.controller().statusBar.getText()).startsWith("Scan ds: Done"));
    }

    @Test
    void keyboardZoomFitPlayAndPixelReadout(FxRobot robot) throws Exception {
        onFx(() -> vm.open(TestDatasets.small(tmp.resolve("ds"))));
        await(10, () -> vm.viewer().getImage() != null);
        double fitted = vm.viewer().getTransform().scale();
        robot.clickOn(window.controller().viewer); // focus the viewer, readout follows the pointer
        await(5, () -> !vm.viewer().readoutProperty().get().isEmpty());
        assertTrue(vm.viewer().readoutProperty().get().matches("x \\d+ · y \\d+ · \\d\\.\\d{4} \\(\\d+\\)"),
                vm.viewer().readoutProperty().get());
        robot.type(KeyCode.EQUALS);
        await(5, () -> vm.viewer().getTransform().scale() > fitted);
        robot.type(KeyCode.DIGIT1);
        await(5, () -> vm.viewer().getTransform().scale() == 1.0);
        robot.type(KeyCode.F);
        await(5, () -> Math.abs(vm.viewer().getTransform().scale() - fitted) < 1e-9);
        robot.type(KeyCode.SPACE);
        await(5, () -> vm.timeline().playingProperty().get());
        robot.type(KeyCode.SPACE);
        await(5, () -> !vm.timeline().playingProperty().get());
    }

    @Test
    void corruptFrameShowsAnErrorAndSkippedFilesAreListed(FxRobot robot) throws Exception {
        onFx(() -> vm.open(TestDatasets.small(tmp.resolve("ds"))));
        await(10, () -> vm.dataset().getDataset() != null);
        @SuppressWarnings("unchecked")
        TableView<SkippedFile> skipped = window.controller().skippedTable;
        assertEquals(List.of("A549/batch_2/notes.txt"),
                onFx(() -> skipped.getItems().stream().map(SkippedFile::relativePath).toList()));
        assertEquals("Skipped (1)", onFx(() -> window.controller().skippedTab.getText()));

        Sequence c1 = sequence("C1");
        onFx(() -> vm.navigator().select(c1));
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        Frame bad = c1.frames().get(1);
        await(5, () -> vm.viewer().shownFrameProperty().get() == bad);
        assertTrue(vm.viewer().errorProperty().get().contains("corrupt or truncated"),
                vm.viewer().errorProperty().get());
        // the thumbnail of the bad frame is an error tile too
        await(10, () -> robot.lookup(".thumbnail-cell.error").tryQuery().isPresent());
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT); // and the app goes on
        await(5, () -> vm.viewer().shownFrameProperty().get() == c1.frames().get(2));
        assertEquals("", vm.viewer().errorProperty().get());
    }

    @Test
    void badgesFromAProviderAppearInTheTree(FxRobot robot) throws Exception {
        onFx(() -> vm.open(TestDatasets.small(tmp.resolve("ds"))));
        await(10, () -> vm.navigator().getRoot() != null);
        assertFalse(robot.lookup(".nav-badge").tryQuery().isPresent());
        onFx(() -> vm.navigator().badgeProviders().add(s -> s.displayName().equals("G8")
                ? List.of(new org.clanet.workbench.app.navigator.Badge("mdi2c-check-circle-outline", "Masks",
                "badge-ok")) : List.of()));
        await(5, () -> robot.lookup(".nav-badge").queryAll().size() == 1);
    }

    @Test
    void layoutAndThemeArePersistedOnClose(FxRobot robot) throws Exception {
        onFx(() -> {
            window.controller().themeToggle.setSelected(true);
            window.controller().mainSplit.setDividerPositions(0.25, 0.75);
            vm.selection().overlays().maskOpacityProperty().set(0.6);
            vm.selection().overlays().patchColorProperty().set(javafx.scene.paint.Color.web("#12ab34"));
            vm.selection().overlays().labelsVisibleProperty().set(false);
        });
        assertTrue(onFx(() -> window.stage().getScene().getStylesheets().stream()
                .anyMatch(u -> u.endsWith("workbench-dark.css"))));
        onFx(() -> window.close()); // hiding the window saves
        WorkbenchPreferences saved = new WorkbenchPreferences(tmp.resolve("preferences.json"));
        assertEquals(WorkbenchPreferences.Theme.DARK, saved.theme());
        assertTrue(saved.window().isPresent());
        assertEquals(0.25, saved.dividers("main")[0], 0.02);
        // the overlay look comes back in a new session
        org.clanet.workbench.app.selection.OverlaySettings fresh = new org.clanet.workbench.app.selection.OverlaySettings();
        fresh.apply(saved.section("overlays"));
        assertEquals(0.6, fresh.maskOpacityProperty().get(), 1e-9);
        assertEquals(javafx.scene.paint.Color.web("#12ab34"), fresh.patchColorProperty().get());
        assertFalse(fresh.labelsVisibleProperty().get());
        assertTrue(fresh.maskVisibleProperty().get());
    }

    @Test
    void realSampleDataOpens(FxRobot robot) throws Exception {
        Path sample = Path.of("sample-data").toAbsolutePath();
        assumeTrue(Files.isDirectory(sample), "sample-data/ is not in this checkout yet");
        onFx(() -> vm.open(sample));
        await(30, () -> vm.viewer().getImage() != null || !vm.viewer().errorProperty().get().isEmpty());
        assertEquals("", vm.viewer().errorProperty().get());
        Sequence first = vm.navigator().getSelected();
        if (first.size() > 1) {
            robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
            await(10, () -> vm.viewer().shownFrameProperty().get() == first.frames().get(1));
        }
        assertNotEquals(0, vm.dataset().getDataset().imageCount());
        assertSame(first, vm.timeline().sequenceProperty().get());
    }
}
