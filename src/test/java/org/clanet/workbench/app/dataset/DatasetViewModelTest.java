package org.clanet.workbench.app.dataset;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.clanet.workbench.app.FxTestSupport;
import org.clanet.workbench.app.TestDatasets;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.SkippedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetViewModelTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void openScansInTheBackgroundListsSkippedAndRemembersIt() throws Exception {
        Path ds = TestDatasets.small(tmp.resolve("ds"));
        WorkbenchPreferences prefs = new WorkbenchPreferences(tmp.resolve("prefs.json"));
        try (TaskRunner runner = new TaskRunner(1)) {
            DatasetViewModel vm = new DatasetViewModel(runner, prefs);
            JobTask<Dataset> t = onFx(() -> vm.open(ds));
            assertTrue(onFx(() -> vm.scanningProperty().get()) || t.isDone());
            await(10, () -> vm.getDataset() != null);
            assertFalse(vm.scanningProperty().get());
            assertEquals(8 + 3, vm.getDataset().imageCount());
            List<String> skipped = vm.skipped().stream().map(SkippedFile::relativePath).toList();
            assertEquals(List.of("A549/batch_2/notes.txt"), skipped);
            assertTrue(vm.skipped().get(0).reason().contains("not an image file"), vm.skipped().get(0).reason());
            assertTrue(vm.summaryProperty().get().contains("1 file skipped"), vm.summaryProperty().get());
            assertEquals(List.of(ds.toAbsolutePath().normalize()), vm.recent());
            // saved in the background
            await(10, () -> new WorkbenchPreferences(tmp.resolve("prefs.json")).lastDataset().isPresent());
            assertEquals(ds.toAbsolutePath().normalize(),
                    new WorkbenchPreferences(tmp.resolve("prefs.json")).lastDataset().orElseThrow());
        }
    }

    @Test
    void preferencesAreSavedOffTheFxThreadCoalesced() throws Exception {
        Path a = TestDatasets.small(tmp.resolve("a"));
        Path b = TestDatasets.small(tmp.resolve("b"));
        Path file = tmp.resolve("prefs.json");
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> writes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        WorkbenchPreferences prefs = new WorkbenchPreferences(file, writes::add);
        try (TaskRunner runner = new TaskRunner(1)) {
            DatasetViewModel vm = new DatasetViewModel(runner, prefs);
            onFx(() -> vm.open(a));
            await(10, () -> vm.getDataset() != null);
            JobTask<Dataset> second = onFx(() -> vm.open(b));
            await(10, () -> second.isDone() && vm.getDataset().root().endsWith("b"));
            assertFalse(java.nio.file.Files.exists(file), "nothing written on the FX thread");
            assertEquals(1, writes.size(), "two saves waiting are one write");
            writes.poll().run();
            WorkbenchPreferences read = new WorkbenchPreferences(file);
            assertEquals(b.toAbsolutePath().normalize(), read.lastDataset().orElseThrow());
            assertEquals(List.of(b.toAbsolutePath().normalize(), a.toAbsolutePath().normalize()),
                    read.recentDatasets());
            onFx(vm::clearRecent); // a background write of an empty list waits
            onFx(() -> prefs.datasetOpened(a));
            prefs.save(); // at exit: written at once; the older write still waiting must not undo it
            writes.poll().run();
            assertEquals(List.of(a.toAbsolutePath().normalize()), new WorkbenchPreferences(file).recentDatasets());
        }
    }

    @Test
    void aMissingFolderIsAnErrorNotACrash() throws Exception {
        try (TaskRunner runner = new TaskRunner(1)) {
            DatasetViewModel vm = new DatasetViewModel(runner, new WorkbenchPreferences(tmp.resolve("p.json")));
            onFx(() -> vm.open(tmp.resolve("does-not-exist")));
            await(10, () -> !vm.errorProperty().get().isEmpty());
            assertTrue(vm.errorProperty().get().contains("not a folder"), vm.errorProperty().get());
            assertFalse(vm.scanningProperty().get());
            assertTrue(vm.recent().isEmpty());
        }
    }

    @Test
    void aNewOpenCancelsTheScanStillRunning() throws Exception {
        Path ds = TestDatasets.small(tmp.resolve("ds"));
        try (TaskRunner runner = new TaskRunner(2)) {
            java.util.concurrent.CountDownLatch block = new java.util.concurrent.CountDownLatch(1);
            DatasetViewModel vm = new DatasetViewModel(runner, new WorkbenchPreferences(tmp.resolve("p.json")),
                    (dir, p, c) -> {
                        if (dir.endsWith("slow")) {
                            while (!c.isCancelled()) {
                                Thread.sleep(2);
                            }
                            c.throwIfCancelled();
                        }
                        return org.clanet.workbench.dataset.DatasetScanner.scan(dir, p, c);
                    });
            JobTask<Dataset> slow = onFx(() -> vm.open(tmp.resolve("slow")));
            onFx(() -> vm.open(ds));
            await(10, () -> vm.getDataset() != null && slow.isDone());
            assertEquals(ds.toAbsolutePath().normalize(), vm.getDataset().root());
            assertTrue(slow.isCancelled());
            block.countDown();
        }
    }
}
