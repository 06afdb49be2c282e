package org.clanet.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.evaluation.EvaluationResult;
import org.clanet.workbench.app.models.ModelCatalog;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.cli.TrainedSample;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.flow.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Training from the dashboard, evaluation and the models catalog without a screen (synchronous executors, FX
 * thread), on embedded sample data: the run's per-epoch figures arrive as curves, the measured epoch rate gives the
 * estimate, the new model becomes the prediction model, and evaluating it fills the evaluation view model.
 */
class IdentificationViewModelTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    /** A copy of the sample data embedded with the small test ViT (skips when sample-data/ is absent). */
    private Path embeddedSample(String name) throws Exception {
        assumeTrue(TrainedSample.available(), "sample-data/ is not here");
        return TrainedSample.embedded(tmp.resolve(name), 3);
    }

    private WorkbenchViewModel workbench(String prefs) throws Exception {
        return fx(() -> new WorkbenchViewModel(WorkbenchViewModelTest.synchronous(tmp.resolve(prefs))));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(120, TimeUnit.SECONDS);
    }

    @Test
    void trainFromTheDashboardThenEvaluateAndListAndExport() throws Exception {
        Path data = embeddedSample("work");
        Dataset d = DatasetScanner.scan(data);
        WorkbenchViewModel wb = workbench("p.json");
        IdentificationViewModel vm = wb.identification();
        fx(() -> {
            wb.dataset().show(d);
            assertEquals(null, vm.prediction().modelProperty().get());
            assertEquals("Estimated time: —", vm.training().estimateProperty().get());
            vm.training().epochsProperty().set(12);
            vm.training().seedProperty().set(3);
            vm.training().start();
            return null;
        });
        FxTestSupport.await(120, () -> !vm.training().runningProperty().get());
        fx(() -> {
            assertTrue(vm.training().statusProperty().get().startsWith("Model "), vm.training().statusProperty().get());
            // every epoch's loss, accuracy and learning rate; validation every 5 epochs
            assertEquals(12, vm.training().pointCount("loss"));
            assertEquals(12, vm.training().pointCount("accuracy"));
            assertEquals(12, vm.training().pointCount("lr"));
            assertTrue(vm.training().pointCount("val_loss") >= 2);
            assertTrue(vm.training().estimateProperty().get().startsWith("Estimated time: about"),
                    vm.training().estimateProperty().get());
            ModelRecord m = vm.prediction().modelProperty().get();
            assertNotNull(m, "the trained model is the one to predict with");
            assertEquals(12, ((Number) m.document().get("epochs")).intValue());
            List<ModelCatalog.Entry> rows = vm.catalog();
            assertTrue(rows.stream().anyMatch(r -> r.type().equals("Encoder")));
            assertTrue(rows.stream().anyMatch(r -> m.id().equals(r.id()) && r.details().contains("split")), rows
                    .toString());
            return null;
        });
        ModelRecord m = fx(() -> vm.prediction().modelProperty().get());
        JobTask<Evaluation.Result> ev = fx(() -> vm.evaluate(m));
        FxTestSupport.await(60, ev::isFinished);
        fx(() -> {
            assertEquals(Worker.State.SUCCEEDED, ev.getState(), ev.getFailureReason());
            EvaluationResult r = vm.evaluation().resultProperty().get();
            assertNotNull(r);
            assertEquals(m.classes(), r.classes());
            int total = 0;
            for (int i = 0; i < r.size(); i++) {
                total += r.rowSum(i);
            }
            assertEquals(ev.getValue().testSequences(), total, "every test sequence once in the matrix");
            assertEquals(ev.getValue().best().sequence().top1(), r.metrics().get(0).top1(), 0);
            assertEquals(4, r.metrics().size());
            return null;
        });
        Path out = tmp.resolve("export");
        JobTask<List<Path>> ex = fx(() -> vm.exportModel(m, out));
        FxTestSupport.await(20, ex::isFinished);
        assertTrue(Files.size(out.resolve(m.id() + ".npz")) > 0);
        assertEquals(m.classes(), Files.readAllLines(out.resolve(m.id() + "_classes.txt")));
        fx(() -> {
            wb.close();
            return null;
        });
    }

    @Test
    void theFormsFeaturesChoiceTrainsOnTheTextureStatistics() throws Exception {
        Path data = embeddedSample("work-texture");
        Dataset d = DatasetScanner.scan(data);
        WorkbenchViewModel wb = workbench("p-texture.json");
        IdentificationViewModel vm = wb.identification();
        fx(() -> {
            wb.dataset().show(d);
            assertEquals(org.clanet.workbench.app.training.TrainingJobs.MIL_FEATURES, List.copyOf(vm.training().presets()));
            vm.training().presetProperty().set(org.clanet.workbench.app.training.TrainingJobs.FEATURES_TEXTURE);
            vm.training().epochsProperty().set(6);
            vm.training().start();
            return null;
        });
        FxTestSupport.await(120, () -> !vm.training().runningProperty().get());
        fx(() -> {
            assertTrue(vm.training().statusProperty().get().startsWith("Model "), vm.training().statusProperty().get());
            ModelRecord m = vm.prediction().modelProperty().get();
            assertNotNull(m);
            assertTrue(String.valueOf(m.document().get("encoderName")).contains("texture statistics"),
                    "the model was trained on the built-in encoder's features, not the workspace's ViT: " + m.document());
            wb.close();
            return null;
        });
    }
}
