package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.status.StatusViewModel;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring dataset → navigator → timeline → viewer/inspector, synchronously (direct executors, no screen). */
class WorkbenchViewModelTest {

    @TempDir
    Path tmp;

    static WorkbenchContext synchronous(Path prefsFile) {
        return new WorkbenchContext(Runnable::run, Runnable::run, Runnable::run, new TaskRunner(Runnable::run),
                new WorkbenchPreferences(prefsFile), () -> new StatusViewModel.EngineInfo("Test · CPU", "fake"),
                () -> { });
    }

    @Test
    void selectingAndSteppingDrivesViewerAndInspector() throws Exception {
        Dataset d = DatasetScanner.scan(TestDatasets.small(tmp.resolve("ds")));
        try (WorkbenchViewModel vm = new WorkbenchViewModel(synchronous(tmp.resolve("p.json")))) {
            vm.dataset().show(d);
            assertEquals(1, vm.dataset().skipped().size()); // notes.txt
            Sequence c1 = d.sequences().filter(s -> s.displayName().equals("C1")).findFirst().orElseThrow();
            assertEquals(3, c1.size());
            vm.navigator().select(c1);
            vm.timeline().step(1);
            assertTrue(vm.viewer().errorProperty().get().startsWith("corrupt or truncated image"),
                    vm.viewer().errorProperty().get());
            assertEquals(null, vm.viewer().getImage());
            vm.timeline().step(1);
            assertEquals("", vm.viewer().errorProperty().get());
            assertEquals(70 / 255f, vm.viewer().getImage().get(0, 0), 1e-6);
            assertTrue(vm.dataset().summaryProperty().get().contains("2 cell lines · 2 batches · 3 sequences"),
                    vm.dataset().summaryProperty().get());
            Sequence g7 = d.sequences().filter(s -> s.displayName().equals("G7")).findFirst().orElseThrow();
            assertTrue(vm.navigator().selectByName("G7"));
            assertSame(g7.frames().get(0), vm.viewer().shownFrameProperty().get());
            assertEquals(20 / 255f, vm.viewer().getImage().get(0, 0), 1e-6);
            vm.timeline().step(1);
            assertSame(g7.frames().get(1), vm.viewer().shownFrameProperty().get());
            assertEquals(40 / 255f, vm.viewer().getImage().get(0, 0), 1e-6);
            assertEquals("2 of 5", vm.inspector().value("Frame", "Index"));
            assertEquals("G7", vm.inspector().value("Sequence", "Name"));
            assertEquals(5, vm.viewer().layers().size(),
                    "the built-in pixel grid, the cell mask, the patch boxes, the scale bar, the attention heatmap");
        }
    }

    @Test
    void engineProbeFillsTheStatus() throws Exception {
        try (WorkbenchViewModel vm = new WorkbenchViewModel(synchronous(tmp.resolve("p.json")))) {
            vm.probeEngine();
            for (int i = 0; i < 100 && vm.status().engineProperty().get().contains("probing"); i++) {
                Thread.sleep(20);
            }
            assertEquals("Test · CPU", vm.status().engineProperty().get());
            vm.status().sampleMemory();
            assertTrue(vm.status().memoryProperty().get().matches("\\d+ / \\d+ MB"));
        }
    }

    @Test
    void initialDatasetPrefersExplicitThenLastThenSampleData() throws Exception {
        Path sample = Files.createDirectories(tmp.resolve("sample-data"));
        Path last = Files.createDirectories(tmp.resolve("last"));
        Path explicit = tmp.resolve("explicit");
        assertEquals(Optional.of(explicit), WorkbenchViewModel.initialDataset(Optional.of(explicit),
                Optional.of(last), List.of(sample)));
        assertEquals(Optional.of(last), WorkbenchViewModel.initialDataset(Optional.empty(), Optional.of(last),
                List.of(sample)));
        assertEquals(Optional.of(sample), WorkbenchViewModel.initialDataset(Optional.empty(),
                Optional.of(tmp.resolve("deleted")), List.of(tmp.resolve("nope"), sample)));
        assertEquals(Optional.empty(), WorkbenchViewModel.initialDataset(Optional.empty(), Optional.empty(),
                List.of(tmp.resolve("nope"))));
    }

    @Test
    void commandLineArguments() {
        assertTrue(WorkbenchApp.wants());
        assertTrue(WorkbenchApp.wants("--dataset", "x"));
        assertTrue(WorkbenchApp.wants("--dataset=x"));
        assertTrue(!WorkbenchApp.wants("scan", "x"));
        assertEquals(Optional.of(Path.of("/d")), WorkbenchApp.datasetArgument(List.of("--dataset", "/d")));
        assertEquals(Optional.of(Path.of("/e")), WorkbenchApp.datasetArgument(List.of("--dataset=/e")));
        assertEquals(Optional.empty(), WorkbenchApp.datasetArgument(List.of()));
        assertEquals(Optional.of("G7"), WorkbenchApp.sequenceArgument(List.of("--dataset", "/d", "--sequence", "G7")));
        assertEquals(Optional.empty(), WorkbenchApp.sequenceArgument(List.of("--dataset", "/d")));
    }
}
