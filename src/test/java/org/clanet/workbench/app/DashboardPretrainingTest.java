package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.models.ModelCatalog;
import org.clanet.workbench.app.training.TrainingJobs;
import org.clanet.workbench.app.training.TrainingParameters;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Encoder pretraining from the dashboard without a screen (synchronous executors): a tiny DINO run (cpu preset,
 * 1 epoch, batch 8, 2 local crops) on 2 lines x 2 frames of the sample data registers an encoder that the models
 * catalog lists afterwards, its per-step loss / learning rate / momentum arrive as curves, and the flow's own
 * estimate becomes the estimate label; Cancel leaves it resumable and Resume finishes it.
 */
class DashboardPretrainingTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(120, TimeUnit.SECONDS);
    }

    /** 2 frames of each of 2 sample lines (as the CLI's pretrain test uses). */
    private static Path sampleSubset(Path dir) throws Exception {
        for (String line : new String[] {"SynRound", "SynSpindle"}) {
            Path batch = dir.resolve(line + "/batch_1");
            Files.createDirectories(batch);
            try (var files = Files.list(SharedData.sampleData().resolve(line + "/batch_1"))) {
                for (Path f : files.sorted().limit(2).toList()) {
                    Files.copy(f, batch.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    @Test
    void pretrainsFromTheDashboardAndTheCatalogListsTheEncoder() throws Exception {
        assumeTrue(Files.isDirectory(SharedData.sampleData()), "sample-data/ is not here");
        Dataset d = DatasetScanner.scan(sampleSubset(tmp.resolve("data")));
        WorkbenchViewModel wb = fx(() -> new WorkbenchViewModel(WorkbenchViewModelTest.synchronous(
                tmp.resolve("p.json"))));
        IdentificationViewModel vm = wb.identification();
        vm.trainingJobs().setPretrainingOverrides(p -> p.with("batchSize", 8).with("localCropsNumber", 2));
        fx(() -> {
            wb.dataset().show(d);
            vm.training().kindProperty().set(TrainingParameters.Kind.PRETRAINING);
            assertEquals(TrainingJobs.VIT_PRESETS, List.copyOf(vm.training().presets()));
            vm.training().presetProperty().set("cpu");
            vm.training().deviceProperty().set("cpu");
            vm.training().epochsProperty().set(1);
            assertEquals("Estimated time: —", vm.training().estimateProperty().get());
            assertTrue(vm.catalog().stream().noneMatch(r -> r.type().equals("Encoder")), "no encoder yet");
            vm.training().start();
            return null;
        });
        FxTestSupport.await(120, () -> !vm.training().runningProperty().get());
        fx(() -> {
            String status = vm.training().statusProperty().get();
            assertEquals(Worker.State.SUCCEEDED, vm.trainingJobs().pretrainingTask().getState(), status);
            assertTrue(status.startsWith("Encoder "), status);
            assertTrue(status.contains("Features: Texture statistics"), "the CPU note, as the CLI prints it: " + status);
            assertTrue(vm.training().pointCount("loss") > 0, "per-step loss");
            assertEquals(vm.training().pointCount("loss"), vm.training().pointCount("lr"));
            assertEquals(vm.training().pointCount("loss"), vm.training().pointCount("momentum"));
            assertEquals(1, vm.training().pointCount("epoch loss"));
            assertTrue(vm.training().estimateProperty().get().startsWith("Estimated time: about"),
                    vm.training().estimateProperty().get());
            String id = vm.trainingJobs().pretrainingTask().getValue().encoder().id();
            List<ModelCatalog.Entry> rows = vm.catalog();
            assertTrue(rows.stream().anyMatch(r -> r.type().equals("Encoder") && r.id().equals(id)
                    && r.kind().equals("pretrained")), rows.toString());
            // the snippet view follows the selected sequence (no model: the form's seed)
            var seq = d.sequences().findFirst().orElseThrow();
            wb.navigator().select(seq);
            assertEquals(seq.displayName(), vm.snippets().snippetsProperty().get().sequence());
            // back to MIL: the feature choices again
            vm.training().kindProperty().set(TrainingParameters.Kind.MIL);
            assertEquals(TrainingJobs.MIL_FEATURES, List.copyOf(vm.training().presets()));
            wb.close();
            return null;
        });
    }

    @Test
    void cancelLeavesItResumableAndResumeFinishes() throws Exception {
        assumeTrue(Files.isDirectory(SharedData.sampleData()), "sample-data/ is not here");
        Dataset d = DatasetScanner.scan(sampleSubset(tmp.resolve("data2")));
        // jobs on a worker thread, as in the app, so that Cancel can be pressed while it runs
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        WorkbenchViewModel wb = fx(() -> new WorkbenchViewModel(new WorkbenchContext(javafx.application.Platform
                ::runLater, Runnable::run, Runnable::run, new org.clanet.workbench.app.tasks.TaskRunner(pool),
                new org.clanet.workbench.app.prefs.WorkbenchPreferences(tmp.resolve("p2.json")),
                () -> new org.clanet.workbench.app.status.StatusViewModel.EngineInfo("Test · CPU", "fake"),
                () -> { })));
        try {
            IdentificationViewModel vm = wb.identification();
            vm.trainingJobs().setPretrainingOverrides(p -> p.with("batchSize", 8).with("localCropsNumber", 2));
            fx(() -> {
                wb.dataset().show(d);
                vm.training().kindProperty().set(TrainingParameters.Kind.PRETRAINING);
                vm.training().presetProperty().set("cpu");
                vm.training().deviceProperty().set("cpu");
                vm.training().epochsProperty().set(2);
                // Cancel once, as soon as the first step's loss is drawn
                vm.training().versionProperty().addListener((o, a, v) -> {
                    if (vm.training().pointCount("loss") > 0 && vm.training().runningProperty().get()
                            && cancelled.compareAndSet(false, true)) {
                        vm.training().cancel();
                    }
                });
                vm.training().start();
                return null;
            });
            FxTestSupport.await(120, () -> !vm.training().runningProperty().get());
            fx(() -> {
                assertEquals(Worker.State.CANCELLED, vm.trainingJobs().pretrainingTask().getState(),
                        vm.training().statusProperty().get());
                assertTrue(vm.training().resumableProperty().get());
                assertTrue(vm.catalog().stream().noneMatch(r -> r.type().equals("Encoder")), "no encoder yet");
                vm.training().resume();
                return null;
            });
            FxTestSupport.await(120, () -> !vm.training().runningProperty().get());
            fx(() -> {
                assertEquals(Worker.State.SUCCEEDED, vm.trainingJobs().pretrainingTask().getState(),
                        vm.training().statusProperty().get());
                assertTrue(vm.catalog().stream().anyMatch(r -> r.type().equals("Encoder")), "registered on resume");
                return null;
            });
        } finally {
            fx(() -> {
                wb.close();
                return null;
            });
            pool.shutdownNow();
        }
    }
}
