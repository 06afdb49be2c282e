package org.clanet.workbench.app.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.TextureEncoder;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Pretraining;
import org.clanet.workbench.pipeline.flow.Training;
import org.clanet.workbench.workspace.Workspace;

/**
 * Runs the dashboard's MIL training: {@link Training#train} (the code of {@code clanet train}) as a background
 * task on the open dataset with the workspace's newest encoder; its per-epoch figures become live curves, and the
 * measured time per epoch becomes the estimate. Resume is the same run again: the model's id is the key of what it
 * is made of, so the same parameters continue from its checkpoint. Encoder pretraining runs
 * {@link Pretraining#pretrain} (the code of {@code clanet pretrain}) the same way: its per-step loss, learning rate
 * and teacher momentum become curves, the time estimate it reports before starting becomes the estimate, and the
 * same parameters again resume its run folder.
 */
public final class TrainingJobs {

    /** The dashboard's split choices, as {@code clanet train --split} takes them. */
    public static final List<String> SPLITS = List.of("batch-separated", "batch-stratified");
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    public static final String PRESET = "Automatic (by image size)";
    /**
     * The MIL's feature choices (the form's Preset row reads "Features" for the MIL): the workspace's newest encoder
     * as {@code clanet train} takes it (pretrained first, then an import, else the texture statistics), or the
     * built-in texture statistics ({@code clanet train --encoder texture}).
     */
    public static final String FEATURES_NEWEST = "Newest encoder";
    public static final String FEATURES_TEXTURE = "Texture statistics";
    public static final List<String> MIL_FEATURES = List.of(FEATURES_NEWEST, FEATURES_TEXTURE);
    /** Pretraining's preset choice that picks {@link Pretraining#defaultPreset}: cpu without a GPU, small/8 on one. */
    public static final String VIT_AUTO = "Automatic (small/8 on a GPU, cpu otherwise)";
    /** The cpu preset with the published patch size ({@code clanet pretrain --preset cpu --patch-size 8}). */
    public static final String CPU_PATCH_8 = "cpu, patch 8 (finer, about 3x slower)";
    public static final List<String> VIT_PRESETS = List.of(VIT_AUTO, "small/8", "tiny/16", "cpu", CPU_PATCH_8);
    /** Published DINO patches per frame. */
    static final int PATCHES_PER_FRAME = 10;
    private static final Pattern NOTE_RATE = Pattern.compile("(\\d+) steps per epoch; a step takes ([0-9.]+) s");

    private final TrainingDashboardViewModel dashboard;
    private final TaskRunner tasks;
    private final Executor ui;
    private final Supplier<Dataset> dataset;
    private final int threads;
    private Runnable onFinished = () -> { };
    private JobTask<Training.Outcome> task;
    private JobTask<Pretraining.Outcome> pretrainTask;
    /** The pretraining whose end was reported (the state listener and the synchronous check may both see it). */
    private Object ended;
    /** Seconds per epoch measured on this machine by the last run, or NaN. */
    private volatile double secondsPerEpoch = Double.NaN;
    /** Seconds per pretraining epoch: first from the flow's own estimate, then as measured; or NaN. */
    private volatile double pretrainSecondsPerEpoch = Double.NaN;
    private UnaryOperator<DinoParameters> pretrainingOverrides = UnaryOperator.identity();

    public TrainingJobs(TrainingDashboardViewModel dashboard, TaskRunner tasks, Executor ui,
                        Supplier<Dataset> dataset, int threads) {
        this.dashboard = dashboard;
        this.tasks = tasks;
        this.ui = ui;
        this.dataset = dataset;
        this.threads = threads;
        dashboard.presets().setAll(MIL_FEATURES);
        dashboard.presetProperty().set(FEATURES_NEWEST);
        // the preset list follows the kind: the features for MIL, ViT presets for pretraining
        dashboard.kindProperty().addListener((o, a, k) -> {
            List<String> choices = k == TrainingParameters.Kind.PRETRAINING ? VIT_PRESETS : MIL_FEATURES;
            dashboard.presets().setAll(choices);
            dashboard.presetProperty().set(choices.get(0));
            dashboard.epochsProperty().set(defaultEpochs(dashboard.parameters()));
        });
        // a ViT preset brings its own epochs (2000 MIL epochs would be months of DINO)
        dashboard.presetProperty().addListener((o, a, v) -> {
            if (v != null && dashboard.kindProperty().get() == TrainingParameters.Kind.PRETRAINING) {
                dashboard.epochsProperty().set(defaultEpochs(dashboard.parameters()));
            }
        });
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

    /**
     * Changes the DINO parameters the dashboard's pretraining uses after the form's (e.g. {@code localCropsNumber},
     * as {@code clanet pretrain --param}); identity by default.
     */
    public void setPretrainingOverrides(UnaryOperator<DinoParameters> overrides) {
        pretrainingOverrides = overrides == null ? UnaryOperator.identity() : overrides;
    }

    /** The time a run takes from the epoch rate measured here, or null before any epoch was timed. */
    Duration estimate(TrainingParameters p) {
        double s = p.kind() == TrainingParameters.Kind.PRETRAINING ? pretrainSecondsPerEpoch : secondsPerEpoch;
        return Double.isNaN(s) ? null : Duration.ofMillis(Math.round(s * p.epochs() * 1000));
    }

    public JobTask<Training.Outcome> task() {
        return task;
    }

    /** {@code clanet train --encoder}'s value for the form's features: "texture", or null for the newest encoder. */
    static String encoderChoice(TrainingParameters p) {
        return FEATURES_TEXTURE.equals(p.preset()) ? TextureEncoder.CHOICE : null;
    }

    /** The parameters of {@code clanet train --epochs N --seed S}. */
    static MilParameters parameters(TrainingParameters p) {
        return MilParameters.DEFAULTS.with(Map.of("epochs", String.valueOf(p.epochs()), "seed",
                String.valueOf(p.seed())));
    }

    /** The ViT preset the form's choice stands for ({@link #VIT_AUTO} or an unknown one: the device's default). */
    static String vitPreset(TrainingParameters p) {
        String chosen = p.preset();
        if (CPU_PATCH_8.equals(chosen)) {
            return "cpu";
        }
        return chosen != null && VIT_PRESETS.contains(chosen) && !VIT_AUTO.equals(chosen) ? chosen
                : Pretraining.defaultPreset(p.device());
    }

    /** The ViT the form's choice stands for: its preset, with patch 8 for {@link #CPU_PATCH_8}. */
    static VitConfig vitConfig(TrainingParameters p) {
        VitConfig c = VitConfig.preset(vitPreset(p));
        return CPU_PATCH_8.equals(p.preset()) ? c.withPatchSize(8) : c;
    }

    /** The epochs a run of this kind and preset starts with: the MIL's 2000, or the ViT preset's DINO epochs. */
    static int defaultEpochs(TrainingParameters p) {
        return p.kind() == TrainingParameters.Kind.PRETRAINING ? DinoParameters.forPreset(vitPreset(p)).epochs()
                : MilParameters.DEFAULTS.epochs();
    }

    /** The parameters of {@code clanet pretrain --preset P --epochs N --seed S}. */
    DinoParameters pretrainingParameters(TrainingParameters p, String preset) {
        DinoParameters d = DinoParameters.forPreset(preset).with("epochs", p.epochs()).with("seed", p.seed());
        return pretrainingOverrides.apply(d);
    }

    /** Seconds per epoch from the flow's note ("N steps per epoch; a step takes X s"), or NaN. */
    static double secondsPerEpochFromNote(String note) {
        Matcher m = NOTE_RATE.matcher(note);
        return m.find() ? Integer.parseInt(m.group(1)) * Double.parseDouble(m.group(2)) : Double.NaN;
    }

    private void start(TrainingParameters p) {
        Dataset d = dataset.get();
        if (d == null) {
            dashboard.ended("Open a labelled dataset first", false);
            return;
        }
        if (p.kind() == TrainingParameters.Kind.PRETRAINING) {
            startPretraining(d, p);
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
                EncoderRecord e = Models.resolveEncoder(ws, encoderChoice(p), OptionalInt.empty());
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

    private void startPretraining(Dataset d, TrainingParameters p) {
        Path root = d.root();
        String presetName = vitPreset(p);
        VitConfig preset = vitConfig(p);
        DinoParameters params = pretrainingParameters(p, presetName);
        java.util.function.Consumer<ProgressEvent> curves = ev -> {
            if (ev instanceof ProgressEvent.Note n) {
                double s = secondsPerEpochFromNote(n.text());
                if (!Double.isNaN(s)) {
                    pretrainSecondsPerEpoch = s;
                    ui.execute(() -> {
                        dashboard.estimatorProperty().set(this::estimate);
                        dashboard.statusProperty().set("Running: " + n.text());
                    });
                }
            } else if (ev instanceof ProgressEvent.Scalars s && "step".equals(s.series())) {
                for (String k : List.of("loss", "lr", "momentum")) {
                    Double v = s.values().get(k);
                    if (v != null) {
                        dashboard.addPoint(k, s.x(), v);
                    }
                }
            } else if (ev instanceof ProgressEvent.Scalars s && "epoch".equals(s.series())) {
                Double loss = s.values().get("loss");
                if (loss != null) {
                    dashboard.addPoint("epoch loss", s.x(), loss);
                }
                Double seconds = s.values().get("seconds");
                if (seconds != null && seconds > 0) {
                    pretrainSecondsPerEpoch = seconds;
                    ui.execute(() -> dashboard.estimatorProperty().set(this::estimate));
                }
            }
        };
        JobTask<Pretraining.Outcome> t = tasks.submit("Pretrain encoder (" + presetName + ", patch " + preset.patchSize()
                + "): " + root.getFileName(),
                (progress, cancel) -> {
                    try (Workspace ws = Workspace.open(root, null)) {
                        return Pretraining.pretrain(Pipeline.of(d, ws, threads), preset, params, p.device(),
                                PATCHES_PER_FRAME, -1, withEvents(progress, curves), cancel);
                    }
                });
        pretrainTask = t;
        t.stateProperty().addListener((o, a, st) -> {
            if (t.isFinished()) {
                pretrainingEnded(t);
            }
        });
        if (t.isFinished()) {
            pretrainingEnded(t);
        }
    }

    /** The job's progress, with the typed events also going to {@code events} (see the note in {@link #start}). */
    private static ProgressListener withEvents(ProgressListener progress,
                                               java.util.function.Consumer<ProgressEvent> events) {
        return new ProgressListener() {
            @Override
            public void update(long done, long total, String message) {
                progress.update(done, total, message);
            }

            @Override
            public void event(ProgressEvent event) {
                events.accept(event);
                progress.event(event);
            }
        };
    }

    public JobTask<Pretraining.Outcome> pretrainingTask() {
        return pretrainTask;
    }

    private void pretrainingEnded(JobTask<Pretraining.Outcome> t) {
        if (t != pretrainTask || ended == t) {
            return;
        }
        ended = t;
        switch (t.getState()) {
            case SUCCEEDED -> {
                Pretraining.Outcome o = t.getValue();
                dashboard.ended(String.format(java.util.Locale.ROOT, "Encoder %s: %d epochs on %d patches (%s)",
                        o.encoder().id(), o.result().epochsDone(), o.patches(), o.result().device())
                        + Pretraining.afterCpuRunNote(o).map(n -> ". Note: " + n).orElse(""), false);
            }
            case CANCELLED -> dashboard.ended("Cancelled; Resume continues from the last checkpoint", true);
            case FAILED -> dashboard.ended("Failed: " + t.getFailureReason(), !(t.getException()
                    instanceof IllegalArgumentException));
            default -> {
                return;
            }
        }
        onFinished.run();
    }

    private void cancel() {
        if (pretrainTask != null && !pretrainTask.isFinished()) {
            pretrainTask.cancel();
        }
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
