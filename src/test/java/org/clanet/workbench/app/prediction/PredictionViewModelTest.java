package org.clanet.workbench.app.prediction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.FxTestSupport;
import org.clanet.workbench.app.navigator.Badge;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.cli.TrainedSample;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.pipeline.flow.Prediction;
import org.clanet.workbench.pipeline.flow.SequencePrediction;
import org.clanet.workbench.workspace.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The prediction view model without a screen, on synchronous executors (everything on the FX thread, in order), on
 * a part of the sample data embedded and trained with the CLI: the card, heatmap, strip and badges come from the
 * core's stored prediction, and reopening the dataset shows them again.
 */
class PredictionViewModelTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    /** Runs on the FX thread (JobTask's state changes are synchronous there) with room for a prediction. */
    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(120, TimeUnit.SECONDS);
    }

    /** Submits on the FX thread (the job runs there, synchronously) and waits for the task's final state. */
    private static <T> JobTask<T> finished(Callable<JobTask<T>> submit) throws Exception {
        JobTask<T> t = fx(submit);
        FxTestSupport.await(30, t::isFinished);
        return t;
    }

    private static PredictionViewModel viewModel() {
        return new PredictionViewModel(new PredictionViewModel.Services(Runnable::run, Runnable::run,
                new TaskRunner(Runnable::run), "cpu", 2));
    }

    @Test
    void noModelSaysSoAndPredictsNothing() throws Exception {
        assumeTrue(TrainedSample.available(), "sample-data/ is not here");
        Path data = TrainedSample.copy(tmp.resolve("nomodel"), 3);
        Dataset d = DatasetScanner.scan(data);
        PredictionViewModel vm = viewModel();
        fx(() -> {
            vm.datasetProperty().set(d);
            vm.sequenceProperty().set(d.sequences().findFirst().orElseThrow());
            return null;
        });
        fx(() -> {
            assertNull(vm.modelProperty().get());
            assertEquals(ResultCardViewModel.State.NO_MODEL, vm.card().getState());
            assertTrue(vm.messageProperty().get().startsWith("No model yet"), vm.messageProperty().get());
            return null;
        });
        JobTask<Prediction.Result> t = finished(() -> vm.predict(PredictionViewModel.Scope.SEQUENCE));
        fx(() -> {
            assertEquals(Worker.State.FAILED, t.getState());
            assertTrue(t.getFailureReason().contains("no trained model"), t.getFailureReason());
            assertTrue(vm.messageProperty().get().startsWith("Prediction failed"), vm.messageProperty().get());
            return null;
        });
    }

    @Test
    void predictShowsCardHeatmapStripAndBadgesAndReopeningShowsThemAgain() throws Exception {
        assumeTrue(TrainedSample.available(), "sample-data/ is not here");
        Path data = TrainedSample.prepare(tmp.resolve("trained"), 3, 10);
        Dataset d = DatasetScanner.scan(data);
        Sequence s = d.sequences().findFirst().orElseThrow();
        PredictionViewModel vm = viewModel();
        int[] badgeChanges = {0};
        fx(() -> {
            vm.setOnBadgesChanged(() -> badgeChanges[0]++);
            vm.datasetProperty().set(d);
            vm.sequenceProperty().set(s);
            return null;
        });
        fx(() -> {
            assertNotNull(vm.modelProperty().get(), vm.messageProperty().get());
            assertEquals(ResultCardViewModel.State.NO_PREDICTION, vm.card().getState());
            assertTrue(vm.badges().badges(s).isEmpty());
            return null;
        });
        JobTask<Prediction.Result> t = finished(() -> vm.predict(PredictionViewModel.Scope.SEQUENCE));
        JobTask<Prediction.Result> tb = fx(() -> {
            assertEquals(Worker.State.SUCCEEDED, t.getState(), t.getFailureReason());
            assertEquals(ResultCardViewModel.State.RESULT, vm.card().getState());

            // the card is the core's stored prediction, not a recomputation
            SequencePrediction stored;
            try (Workspace ws = Workspace.open(data, null)) {
                stored = Prediction.stored(ws, vm.modelProperty().get().id(), s.id()).orElseThrow();
            }
            PredictionCard shown = vm.card().cardProperty().get();
            assertEquals(stored.top().size(), shown.top().size());
            assertEquals(stored.predicted(), shown.best().line());
            assertEquals(stored.top().get(0).probability(), shown.best().probability(), 1e-12);
            assertEquals(vm.modelProperty().get().id(), shown.provenance().get("Model"));
            assertTrue(shown.provenance().containsKey("Encoder") && shown.provenance().containsKey("Split"),
                    shown.provenance().toString());

            // heatmap: the bag's frames in time order with their patches; strip: one bar per frame of the sequence
            var h = vm.heatmapProperty().get();
            assertNotNull(h);
            assertFalse(h.frames().isEmpty());
            assertEquals(stored.instances().size(), h.frames().stream().mapToInt(f -> f.attention().patches().size())
                    .sum());
            var strip = vm.strip().stripProperty().get();
            assertEquals(s.frames().size(), strip.size());
            assertTrue(strip.max() > 0);

            // the badge says right or wrong as the core does
            List<Badge> b = vm.badges().badges(s);
            assertEquals(1, b.size());
            String expected = stored.unknown() ? "badge-unknown" : stored.correct() ? "badge-ok" : "badge-error";
            assertEquals(expected, b.get(0).styleClass());
            assertTrue(badgeChanges[0] > 0);

            // the batch: every sequence of it
            List<Sequence> batch = vm.sequences(PredictionViewModel.Scope.BATCH);
            assertTrue(batch.size() > 1 && batch.contains(s));
            return vm.predict(PredictionViewModel.Scope.BATCH);
        });
        FxTestSupport.await(30, tb::isFinished);
        PredictionCard card = fx(() -> {
            List<Sequence> batch = vm.sequences(PredictionViewModel.Scope.BATCH);
            assertEquals(Worker.State.SUCCEEDED, tb.getState(), tb.getFailureReason());
            assertEquals(batch.size(), tb.getValue().sequences().size());
            assertTrue(batch.stream().allMatch(x -> vm.predictions().containsKey(x.id())));
            return vm.card().cardProperty().get();
        });

        // reopened (a new view model on a fresh scan): the stored predictions show without predicting
        Dataset again = DatasetScanner.scan(data);
        Sequence s2 = again.sequences().filter(x -> x.id().equals(s.id())).findFirst().orElseThrow();
        PredictionViewModel reopened = viewModel();
        fx(() -> {
            reopened.datasetProperty().set(again);
            reopened.sequenceProperty().set(s2);
            return null;
        });
        int batchSize = fx(() -> vm.sequences(PredictionViewModel.Scope.BATCH).size());
        fx(() -> {
            assertEquals(ResultCardViewModel.State.RESULT, reopened.card().getState());
            assertEquals(card.top(), reopened.card().cardProperty().get().top());
            assertEquals(batchSize, reopened.predictions().size());
            assertNotNull(reopened.heatmapProperty().get());
            assertTrue(reopened.taskProperty().get() == null, "nothing was predicted again");
            return null;
        });
    }
}
