package org.clanet.workbench.app.selection;

import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.FxTestSupport;
import org.clanet.workbench.app.navigator.Badge;
import org.clanet.workbench.app.navigator.NavigatorViewModel;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.timeline.TimelineViewModel;
import org.clanet.workbench.app.viewer.FrameLoader;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionResult;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selection view model without a screen: direct executors, so every request completes before it returns. */
class SelectionViewModelTest {

    @TempDir
    Path tmp;

    /** The view models the selection hangs off, wired like WorkbenchViewModel does, all synchronous. */
    static final class Stack implements AutoCloseable {
        final ViewerViewModel viewer = new ViewerViewModel(new FrameLoader(Runnable::run, Runnable::run, 1L << 24));
        final NavigatorViewModel navigator = new NavigatorViewModel();
        final TimelineViewModel timeline = new TimelineViewModel();
        final TaskRunner tasks;
        final SelectionViewModel selection;

        Stack(Executor live) {
            this(live, new TaskRunner(Runnable::run));
        }

        Stack(Executor live, TaskRunner tasks) {
            this.tasks = tasks;
            timeline.sequenceProperty().bind(navigator.selectedProperty());
            viewer.frameProperty().bind(timeline.currentProperty());
            selection = new SelectionViewModel(new SelectionViewModel.Services(Runnable::run, live, Runnable::run,
                    tasks, new SelectionService(64L << 20), 0, 1), viewer, navigator, timeline);
        }

        void show(Dataset d) {
            selection.datasetProperty().set(d);
            navigator.setDataset(d);
        }

        Sequence sequence(String name) {
            return selection.datasetProperty().get().sequences().filter(s -> s.displayName().equals(name))
                    .findFirst().orElseThrow();
        }

        @Override
        public void close() {
            selection.close();
        }
    }

    private Stack stack;

    @AfterEach
    void close() {
        if (stack != null) {
            stack.close();
        }
    }

    private Stack open() throws Exception {
        stack = new Stack(Runnable::run);
        stack.show(DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds"))));
        return stack;
    }

    static SelectionResult direct(Frame f, SelectionParameters p) throws Exception {
        return PatchSelector.select(ImageLoader.loadProcessed(f.path(), Preset.AUTO), p);
    }

    @Test
    void overlayOfTheCurrentFrameIsComputedLiveAndMatchesThePatchSelector() throws Exception {
        Stack s = open();
        Sequence g7 = s.sequence("G7");
        s.navigator.select(g7);
        assertEquals(2, s.viewer.layers().size(), "the mask and the patch boxes");
        assertTrue(s.viewer.layers().stream().anyMatch(l -> l instanceof MaskLayer));
        assertTrue(s.viewer.layers().stream().anyMatch(l -> l instanceof PatchLayer));
        FrameSelection r = s.selection.getResult();
        assertNotNull(r);
        assertSame(g7.frames().get(0), r.frame());
        assertEquals(FrameSelection.Source.LIVE, r.source());
        SelectionResult want = direct(g7.frames().get(0), SelectionParameters.defaults());
        assertEquals(want.patches(), r.patches());
        assertTrue(r.patches().size() >= 5, "cells found: " + r.patches().size());
        assertEquals(want.maskFraction(), r.maskFraction(), 1e-12);
        assertEquals(1.0, r.scaleX());
        String summary = s.selection.summaryText().get();
        assertTrue(summary.startsWith(r.patches().size() + " patches · mask "), summary);
        assertTrue(summary.endsWith("computed live"), summary);
        assertTrue(summary.contains("ms"), summary);

        // next frame: a new result; stepping back is served from the cache
        s.timeline.step(1);
        assertSame(g7.frames().get(1), s.selection.getResult().frame());
        int cached = s.selection.service().cachedResults();
        s.timeline.step(-1);
        assertSame(r, s.selection.getResult());
        assertEquals(cached, s.selection.service().cachedResults());
    }

    @Test
    void editingAParameterReRunsTheFrameAndBadValuesAreRefused() throws Exception {
        Stack s = open();
        s.navigator.select(s.sequence("G7"));
        int before = s.selection.getResult().patches().size();
        assertTrue(before > 3);

        assertEquals(Optional.empty(), s.selection.setParameter("finalRegion", "3"));
        assertEquals(3, s.selection.getParameters().finalRegion());
        assertEquals(3, s.selection.getResult().patches().size());
        assertEquals(3, s.selection.getResult().params().finalRegion());
        assertFalse(s.selection.isDefault("finalRegion"));
        assertTrue(s.selection.isDefault("cannySigma"));

        Optional<String> err = s.selection.setParameter("finalRegion", "many");
        assertTrue(err.isPresent() && err.get().contains("not a number"), err.toString());
        err = s.selection.setParameter("percentileLow", "99.9");
        assertTrue(err.isPresent() && err.get().contains("percentileLow < percentileHigh"), err.toString());
        err = s.selection.setParameter("grayCodes", "sometimes");
        assertTrue(err.isPresent(), err.toString());
        assertEquals(3, s.selection.getParameters().finalRegion(), "refused values change nothing");
        assertEquals("3", s.selection.parameterText("finalRegion"));
        assertEquals("0.2", s.selection.parameterText("percentileLow"));

        s.selection.resetParameters();
        assertEquals(SelectionParameters.defaults(), s.selection.getParameters());
        assertEquals(before, s.selection.getResult().patches().size());
    }

    @Test
    void theMaskIsTintedInTheBackgroundNextToTheSelection() throws Exception {
        ArrayDeque<Runnable> live = new ArrayDeque<>();
        stack = new Stack(live::add);
        stack.show(DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds"))));
        stack.navigator.select(stack.sequence("G7"));
        assertNull(stack.selection.getResult());
        Thread worker = new Thread(() -> {
            while (!live.isEmpty()) {
                live.poll().run(); // "FX" here is the direct ui executor: the tint is made on this worker
            }
        });
        worker.start();
        worker.join();
        FrameSelection r = stack.selection.getResult();
        assertNotNull(r);
        assertTrue(r.hasMask());
        assertTrue(stack.selection.maskLayer().tintReady(r), "tinted with the selection, before any drawing");
        stack.selection.overlays().maskColorProperty().set(javafx.scene.paint.Color.RED);
        assertFalse(stack.selection.maskLayer().tintReady(r), "another colour: tinted again (when drawn)");
    }

    @Test
    void blankTinyAndUnreadableFramesGiveANoteNotAnException() throws Exception {
        Stack s = open();
        s.navigator.select(s.sequence("B2"));
        FrameSelection blank = s.selection.getResult();
        assertEquals(0, blank.patches().size());
        assertTrue(s.selection.noteText().get().contains("no cells found"), s.selection.noteText().get());
        assertTrue(s.selection.summaryText().get().startsWith("0 patches"), s.selection.summaryText().get());

        s.timeline.step(1);
        assertTrue(s.selection.noteText().get().contains("smaller than a 112x112 patch"),
                s.selection.noteText().get());

        s.timeline.step(1);
        FrameSelection bad = s.selection.getResult();
        assertEquals(FrameSelection.Source.FAILED, bad.source());
        assertTrue(s.selection.noteText().get().startsWith("cannot read the image: corrupt or truncated"),
                s.selection.noteText().get());
        assertEquals("Not processed", s.selection.summaryText().get());
        assertFalse(bad.hasMask());
    }

    @Test
    void nothingIsComputedWhileNoOverlayOrPanelNeedsIt() throws Exception {
        stack = new Stack(Runnable::run);
        stack.selection.overlays().maskVisibleProperty().set(false);
        stack.selection.overlays().patchesVisibleProperty().set(false);
        stack.show(DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds"))));
        stack.navigator.select(stack.sequence("G7"));
        assertEquals(0, stack.selection.service().cachedResults());
        assertNull(stack.selection.getResult());
        stack.selection.panelActiveProperty().set(true);
        assertNotNull(stack.selection.getResult());
        stack.selection.panelActiveProperty().set(false);
        stack.timeline.step(1);
        assertEquals(1, stack.selection.service().cachedResults());
        stack.selection.overlays().maskVisibleProperty().set(true);
        assertEquals(2, stack.selection.service().cachedResults());
        assertSame(stack.sequence("G7").frames().get(1), stack.selection.getResult().frame());
    }

    @Test
    void theLatestRequestWins() throws Exception {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        stack = new Stack(queue::add);
        stack.show(DatasetScanner.scan(BlobImages.dataset(tmp.resolve("ds"))));
        Sequence g7 = stack.sequence("G7");
        stack.navigator.select(g7);   // frame 0 requested
        stack.timeline.step(1);       // frame 1
        stack.timeline.step(1);       // frame 2
        assertTrue(stack.selection.busyProperty().get());
        assertEquals("Selecting patches…", stack.selection.summaryText().get());
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        assertSame(g7.frames().get(2), stack.selection.getResult().frame());
        assertFalse(stack.selection.busyProperty().get());
        assertEquals(1, stack.selection.service().cachedResults(), "superseded requests never ran");
    }

    @Test
    void aProcessedSequenceWithACellFreeFrameIsComplete() throws Exception {
        Path ds = tmp.resolve("ds");
        for (int i = 0; i < 2; i++) {
            BlobImages.write(ds.resolve("MCF7/batch_1/" + org.clanet.workbench.app.TestDatasets.name(1, "G7", 4 * i)),
                    360, 280, 11 + i, 40);
        }
        BlobImages.blank(ds.resolve("MCF7/batch_1/" + org.clanet.workbench.app.TestDatasets.name(1, "G7", 8)),
                360, 280, 128);
        Dataset d = DatasetScanner.scan(ds);
        Sequence g7 = d.sequences().findFirst().orElseThrow();
        assertEquals(3, g7.size());
        try (Workspace ws = Workspace.open(ds, null)) {
            assertEquals(new PatchBadges.Coverage(0, 3), PatchBadges.compute(d, ws).get(g7.id()));
            List<SelectionStage.Item> items = d.frames()
                    .map(f -> new SelectionStage.Item(f.path(), f.relativePath())).toList();
            SelectionStage.Summary sum = new SelectionStage(SelectionParameters.defaults(), Preset.AUTO, 1)
                    .run(ds, items, ws, null, org.clanet.workbench.pipeline.ProgressListener.NONE,
                            org.clanet.workbench.pipeline.Cancellation.none());
            assertEquals(3, sum.processed());
            assertTrue(ws.patches().get(g7.frames().get(2).relativePath()).isEmpty(), "the blank frame has no cells");
            PatchBadges b = new PatchBadges();
            b.set(PatchBadges.compute(d, ws));
            assertEquals(new PatchBadges.Coverage(3, 3), b.coverage(g7));
            assertEquals(PatchBadges.ICON_ALL, b.badges(g7).get(0).iconCode());
            assertEquals("badge-ok", b.badges(g7).get(0).styleClass());
        }
    }

    @Test
    void applyToDatasetStoresResultsShowsBadgesAndOverlaysComeFromTheWorkspace() throws Exception {
        FxTestSupport.startToolkit();
        Path ds = BlobImages.dataset(tmp.resolve("ds"));
        Dataset d = DatasetScanner.scan(ds);
        stack = onFx(() -> {
            Stack s = new Stack(Runnable::run);
            s.show(d);
            return s;
        });
        Sequence g7 = stack.sequence("G7");
        assertTrue(onFx(() -> stack.navigator.badges(g7)).isEmpty());
        assertNull(stack.selection.workspaceProperty().get());
        assertFalse(Files.exists(ds.resolve(".clanet")), "browsing creates no workspace");
        onFx(() -> stack.navigator.select(g7));
        FrameSelection live = onFx(() -> stack.selection.getResult());

        JobTask<SelectionStage.Summary> t = onFx(() -> stack.selection.applyToDataset());
        FxTestSupport.await(30, () -> t.isFinished());
        assertEquals(Worker.State.SUCCEEDED, onFx(t::getState), onFx(t::getFailureReason));
        SelectionStage.Summary sum = onFx(t::getValue);
        assertEquals(d.imageCount(), sum.total());
        assertEquals(1, sum.failed(), "the truncated frame");
        FxTestSupport.await(10, () -> stack.selection.workspaceProperty().get() != null);
        assertTrue(Files.isRegularFile(ds.resolve(".clanet/workspace.db")));
        assertTrue(stack.selection.applyMessageProperty().get().contains(d.imageCount() + " frames"),
                stack.selection.applyMessageProperty().get());

        List<Badge> badges = onFx(() -> stack.navigator.badges(g7));
        assertEquals(1, badges.size());
        assertEquals(PatchBadges.ICON_ALL, badges.get(0).iconCode());
        assertEquals("badge-ok", badges.get(0).styleClass());
        List<Badge> b2 = onFx(() -> stack.navigator.badges(stack.sequence("B2")));
        assertEquals(PatchBadges.ICON_SOME, b2.get(0).iconCode(), "the truncated frame of B2 failed");
        assertEquals("Patches selected for 2 of 3 frames", b2.get(0).tooltip());
        assertTrue(stack.selection.workspaceTextProperty().get().startsWith("Stored patches: 1 of 2"),
                stack.selection.workspaceTextProperty().get());

        FrameSelection stored = onFx(() -> stack.selection.getResult());
        assertEquals(FrameSelection.Source.WORKSPACE, stored.source());
        assertSame(g7.frames().get(0), stored.frame());
        assertEquals(live.patches(), stored.patches());
        assertEquals(live.maskFraction(), stored.maskFraction(), 1e-12);
        assertTrue(onFx(() -> stack.selection.summaryText().get()).endsWith("from the workspace"));

        // other parameters: not in the workspace, so live again
        onFx(() -> stack.selection.setParameter("finalRegion", "2"));
        assertEquals(FrameSelection.Source.LIVE, onFx(() -> stack.selection.getResult()).source());
        onFx(() -> stack.selection.resetParameters());

        // resumable: a second run finds everything fresh
        JobTask<SelectionStage.Summary> again = onFx(() -> stack.selection.applyToDataset());
        FxTestSupport.await(30, () -> again.isFinished());
        SelectionStage.Summary sum2 = onFx(again::getValue);
        assertEquals(d.imageCount() - 1, sum2.fresh());
        assertEquals(0, sum2.processed());

        // a new view model on the same dataset reads the existing workspace straight away
        Stack other = onFx(() -> {
            Stack s = new Stack(Runnable::run);
            s.show(d);
            return s;
        });
        try {
            onFx(() -> other.navigator.select(other.sequence("G7")));
            assertNotNull(other.selection.workspaceProperty().get());
            assertEquals(FrameSelection.Source.WORKSPACE, onFx(() -> other.selection.getResult()).source());
            assertEquals(1, onFx(() -> other.navigator.badges(other.sequence("G7"))).size());
        } finally {
            onFx(other::close);
        }

        // applied with other parameters: a reopened dataset shows those, and its overlays come from the workspace
        onFx(() -> stack.selection.setParameter("finalRegion", "4"));
        JobTask<SelectionStage.Summary> tuned = onFx(() -> stack.selection.applyToDataset());
        FxTestSupport.await(30, () -> tuned.isFinished());
        Stack reopened = onFx(() -> {
            Stack s = new Stack(Runnable::run);
            s.show(d);
            return s;
        });
        try {
            onFx(() -> reopened.navigator.select(reopened.sequence("G7")));
            assertEquals(4, reopened.selection.parametersProperty().get().finalRegion());
            FrameSelection r = onFx(() -> reopened.selection.getResult());
            assertEquals(FrameSelection.Source.WORKSPACE, r.source());
            assertTrue(r.patches().size() <= 4);
        } finally {
            onFx(reopened::close);
        }
        onFx(() -> stack.close());
        stack = null;
        try (Workspace ws = Workspace.open(ds, null)) {
            assertTrue(ws.patches().hasPatches(g7.frames().get(0).relativePath()));
        }
    }

    @Test
    void cancellingApplyKeepsWhatWasStoredAndApplyingAgainResumes() throws Exception {
        FxTestSupport.startToolkit();
        Path ds = BlobImages.dataset(tmp.resolve("ds"));
        Dataset d = DatasetScanner.scan(ds);
        TaskRunner runner = new TaskRunner(1);
        try {
            stack = onFx(() -> {
                Stack s = new Stack(Runnable::run, runner);
                s.show(d);
                return s;
            });
            JobTask<SelectionStage.Summary> t = onFx(() -> {
                JobTask<SelectionStage.Summary> task = stack.selection.applyToDataset();
                assertNull(stack.selection.applyToDataset(), "one run at a time");
                task.cancel();
                return task;
            });
            FxTestSupport.await(30, () -> t.isFinished());
            assertEquals(Worker.State.CANCELLED, onFx(t::getState));
            FxTestSupport.await(5, () -> stack.selection.applyMessageProperty().get().startsWith("Cancelled"));

            JobTask<SelectionStage.Summary> again = onFx(() -> stack.selection.applyToDataset());
            FxTestSupport.await(60, () -> again.isFinished());
            SelectionStage.Summary sum = onFx(again::getValue);
            assertEquals(d.imageCount(), sum.fresh() + sum.processed() + sum.failed());
            FxTestSupport.await(10, () -> !stack.navigator.badges(stack.sequence("G7")).isEmpty());
        } finally {
            runner.close();
        }
    }

    @Test
    void partialCoverageGivesTheAmberBadge() throws Exception {
        PatchBadges b = new PatchBadges();
        Sequence s = org.clanet.workbench.app.TestDatasets.sequence("G7", 4);
        b.set(java.util.Map.of(s.id(), new PatchBadges.Coverage(2, 4)));
        List<Badge> badges = b.badges(s);
        assertEquals(PatchBadges.ICON_SOME, badges.get(0).iconCode());
        assertEquals("Patches selected for 2 of 4 frames", badges.get(0).tooltip());
        assertEquals("badge-warn", badges.get(0).styleClass());
        b.set(java.util.Map.of(s.id(), new PatchBadges.Coverage(0, 4)));
        assertTrue(b.badges(s).isEmpty());
    }
}
