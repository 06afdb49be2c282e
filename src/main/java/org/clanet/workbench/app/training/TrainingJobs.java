package org.clanet.workbench.app.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Training;
import org.clanet.workbench.workspace.Workspace;

/**
 * Runs the dashboard's MIL training: {@link Training#train} (the code of {@code clanet train}) as a background
 * task on the open dataset with the workspace's newest encoder; its per-epoch figures become live curves, and the
 * measured time per epoch becomes the estimate. Resume is the same run again: the model's id is the key of what it
 * is made of, so the same parameters continue from its checkpoint. Encoder pretraining is not offered here yet
 * ({@code clanet pretrain}).
 */
public final class TrainingJobs {

    /** The dashboard's split choices, as {@code clanet train --split} takes them. */
    public static final List<String> SPLITS = List.of("batch-separated", "batch-stratified");
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    public static final String PRESET = "Automatic (by image size)";

    private final TrainingDashboardViewModel dashboard;
    private final TaskRunner tasks;
    private final Executor ui;
    private final Supplier<Dataset> dataset;
    private final int threads;
    private Runnable onFinished = () -> { };
    private JobTask<Training.Outcome> task;
    /** Seconds per epoch measured on this machine by the last run, or NaN. */
    private volatile double secondsPerEpoch = Double.NaN;

    public TrainingJobs(TrainingDashboardViewModel dashboard, TaskRunner tasks, Executor ui,
                        Supplier<Dataset> dataset, int threads) {
        this.dashboard = dashboard;
        this.tasks = tasks;
        this.ui = ui;
        this.dataset = dataset;
        this.threads = threads;
        dashboard.presets().setAll(PRESET);
        dashboard.presetProperty().set(PRESET);
        dashboard.splits().setAll(SPLITS);
        dashboard.splitProperty().set(SPLITS.get(0));
        dashboard.devices().setAll(DEVICES);
        dashboard.deviceProperty().set("auto");
        dashboard.epochsProperty().set(MilParameters.DEFAULTS.epochs());
        dashboard.setOnStart(this::start);
        dashboard.setOnResume(this::start);
        dashboard.setOnCancel(this::cancel);
        dashboard.estimatorProperty().set(this::estimate);
    }

    /** Called on the FX thread after a run ends (a new model may be there). */
    public void setOnFinished(Runnable r) {
        onFinished = r == null ? () -> { } : r;
    }

    /** The time a run takes from the epoch rate measured here, or null before any epoch was timed. */
    Duration estimate(TrainingParameters p) {
        double s = secondsPerEpoch;
        return Double.isNaN(s) ? null : Duration.ofMillis(Math.round(s * p.epochs() * 1000));
    }

    public JobTask<Training.Outcome> task() {
        return task;
    }

    /** The parameters of {@code clanet train --epochs N --seed S}. */
    static MilParameters parameters(TrainingParameters p) {
        return MilParameters.DEFAULTS.with(Map.of("epochs", String.valueOf(p.epochs()), "seed",
                String.valueOf(p.seed())));
    }

    private void start(TrainingParameters p) {
        Dataset d = dataset.get();
        if (p.kind() != TrainingParameters.Kind.MIL) {
            dashboard.ended("Encoder pretraining is not in the workbench yet: run `clanet pretrain DIR`", false);
            return;
        }
        if (d == null) {
            dashboard.ended("Open a labelled dataset first", false);
            return;
        }
        Path root = d.root();
        MilParameters params = parameters(p);
        Training.SplitSpec split = Training.SplitSpec.of(p.split());
        long[] started = {0};
        int[] firstEpoch = {-1};
        java.util.function.Consumer<ProgressEvent> curves = ev -> {
            if (ev instanceof ProgressEvent.Scalars s && ("epoch".equals(s.series()) || "step".equals(s.series()))) {
                int epoch = (int) s.x();
                // the rate from the epochs seen in this run, after the first (which includes warm-up)
                long now = System.nanoTime();
                if (firstEpoch[0] < 0) {
                    firstEpoch[0] = epoch;
                    started[0] = now;
                } else if (epoch > firstEpoch[0]) {
                    secondsPerEpoch = (now - started[0]) / 1e9 / (epoch - firstEpoch[0]);
                    if (epoch == firstEpoch[0] + 1 || epoch % 10 == 0) {
                        ui.execute(() -> dashboard.estimatorProperty().set(this::estimate));
                    }
                }
                s.values().forEach((k, v) -> dashboard.addPoint(k, epoch, v));
            }
        };
        // The typed events reach the curves through the job's own listener rather than JobTask.setEventSink: the
        // sink can only be set after submit, and a job that starts at once (a free worker, or a synchronous runner)
        // would report its first epochs before it is set.
        JobTask<Training.Outcome> t = tasks.submit("Train MIL: " + root.getFileName(), (progress, cancel) -> {
            ProgressListener withCurves = new ProgressListener() {
                @Override
                public void update(long done, long total, String message) {
                    progress.update(done, total, message);
                }

                @Override
                public void event(ProgressEvent event) {
                    curves.accept(event);
                    progress.event(event);
                }
            };
            try (Workspace ws = Workspace.open(root, null)) {
                EncoderRecord e = Models.resolveEncoder(ws, null, OptionalInt.empty());
                try (PatchEncoder enc = PatchEncoders.open(e.file(), OptionalInt.empty(), p.device())) {
                    return Training.train(Pipeline.of(d, ws, threads), e, enc, split, params, withCurves, cancel);
                }
            }
        });
        task = t;
        t.stateProperty().addListener((o, a, st) -> {
            if (t.isFinished()) {
                ended(t);
            }
        });
        if (t.isFinished()) {
            ended(t);
        }
    }

    private void cancel() {
        if (task != null && !task.isFinished()) {
            task.cancel();
        }
    }

    private void ended(JobTask<Training.Outcome> t) {
        switch (t.getState()) {
            case SUCCEEDED -> {
                Training.Outcome o = t.getValue();
                dashboard.ended(String.format(java.util.Locale.ROOT, "Model %s: %d epochs, best epoch %d"
                        + " (validation loss %.4f)", o.model().id(), o.result().epochsDone(), o.result().bestEpoch(),
                        o.result().bestValidationLoss()), false);
            }
            case CANCELLED -> dashboard.ended("Cancelled; Resume continues from the last checkpoint", true);
            case FAILED -> dashboard.ended("Failed: " + t.getFailureReason(), true);
            default -> {
                return;
            }
        }
        onFinished.run();
    }
}
