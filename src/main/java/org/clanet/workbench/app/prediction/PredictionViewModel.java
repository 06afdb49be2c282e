package org.clanet.workbench.app.prediction;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.clanet.workbench.app.attention.FrameHeatmap;
import org.clanet.workbench.app.attention.FrameStripViewModel;
import org.clanet.workbench.app.navigator.Badge;
import org.clanet.workbench.app.navigator.BadgeProvider;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.heatmap.FrameAttention;
import org.clanet.workbench.mil.heatmap.FrameStrip;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.pipeline.flow.AttentionMaps;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Prediction;
import org.clanet.workbench.pipeline.flow.SequencePrediction;
import org.clanet.workbench.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-click prediction: for the open dataset, the workspace's newest usable MIL model, every stored prediction
 * (so reopening a dataset shows them again), and for the selected sequence its result card, attention heatmap and
 * frame strip. {@link #predict} runs {@link Prediction#predict} (whatever is missing runs first) as a background
 * task. The same core calls as {@code clanet predict}; nothing here computes a prediction itself. FX thread; reads
 * and predictions run on the background executor and the task runner.
 */
public final class PredictionViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionViewModel.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /**
     * @param ui         the FX thread (tests: the caller)
     * @param background reads of the workspace (stored predictions, patch boxes)
     * @param tasks      long work: prediction, import
     * @param device     "auto", "cpu" or "gpu"
     * @param threads    selection/embedding workers for what is missing
     */
    public record Services(Executor ui, Executor background, TaskRunner tasks, String device, int threads) {
        public static int defaultThreads() {
            return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        }
    }

    /** What to predict. */
    public enum Scope {
        SEQUENCE("the selected sequence"), BATCH("the selected sequence's batch"), DATASET("the whole dataset");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Services services;
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ObjectProperty<Sequence> sequence = new SimpleObjectProperty<>(this, "sequence");
    private final ReadOnlyObjectWrapper<ModelRecord> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<SequencePrediction> prediction = new ReadOnlyObjectWrapper<>(this,
            "prediction");
    private final ReadOnlyObjectWrapper<FrameHeatmap.Sequence> heatmap = new ReadOnlyObjectWrapper<>(this, "heatmap");
    private final ReadOnlyObjectWrapper<JobTask<Prediction.Result>> task = new ReadOnlyObjectWrapper<>(this, "task");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ResultCardViewModel card = new ResultCardViewModel();
    private final FrameStripViewModel strip = new FrameStripViewModel();
    private final Map<String, SequencePrediction> predictions = new HashMap<>();
    private final BadgeProvider badges = this::badgesOf;
    private Runnable onBadgesChanged = () -> { };
    private long generation;
    private long shown;

    public PredictionViewModel(Services services) {
        this.services = services;
        card.setOnPredict(() -> predict(Scope.SEQUENCE));
        dataset.addListener((o, a, d) -> reload());
        sequence.addListener((o, a, s) -> show());
    }

    // ---- reading what the workspace has

    /** Re-reads the newest usable model and its stored predictions (after a training or an import). */
    public void reload() {
        long gen = ++generation;
        Dataset d = dataset.get();
        predictions.clear();
        model.set(null);
        card.modelAvailableProperty().set(false);
        onBadgesChanged.run();
        show();
        if (d == null || !Workspace.worthOpening(d.root())) {
            message.set(d == null ? "" : "No model yet: train one (Training tab) or import one.");
            return;
        }
        services.background().execute(() -> {
            ModelRecord m = null;
            Map<String, SequencePrediction> stored = Map.of();
            String error = null;
            try (Workspace ws = Workspace.open(d.root(), null)) {
                m = new ModelRegistry(ws).newestUsable().orElse(null);
                if (m != null) {
                    stored = Prediction.all(ws, m.id());
                }
            } catch (Exception e) {
                LOG.warn("cannot read the models of {}", d.root(), e);
                error = e.getMessage();
            }
            ModelRecord found = m;
            Map<String, SequencePrediction> all = stored;
            String err = error;
            services.ui().execute(() -> {
                if (gen != generation) {
                    return;
                }
                model.set(found);
                card.modelAvailableProperty().set(found != null);
                predictions.putAll(all);
                message.set(err != null ? "Cannot read the workspace: " + err
                        : found == null ? "No model yet: train one (Training tab) or import one."
                        : "Model " + found.id() + " · " + all.size() + " stored predictions");
                onBadgesChanged.run();
                show();
            });
        });
    }

    /** Shows the selected sequence's stored prediction (card, heatmap, strip), or clears them. */
    private void show() {
        long token = ++shown;
        Sequence s = sequence.get();
        Dataset d = dataset.get();
        SequencePrediction p = s == null ? null : predictions.get(s.id());
        prediction.set(p);
        ModelRecord m = model.get();
        card.cardProperty().set(p == null ? null : card(p, m));
        if (p == null || d == null) {
            heatmap.set(null);
            strip.stripProperty().set(null);
            return;
        }
        services.background().execute(() -> {
            List<FrameAttention> frames;
            try (Workspace ws = Workspace.open(d.root(), null)) {
                frames = AttentionMaps.frames(ws, d, p);
            } catch (Exception e) {
                LOG.warn("cannot read the attention of {}", p.sequence(), e);
                frames = List.of();
            }
            FrameHeatmap.Sequence h = heatmapOf(s, p, frames);
            FrameStripViewModel.Strip st = stripOf(s, h);
            services.ui().execute(() -> {
                if (token == shown) {
                    heatmap.set(h);
                    strip.stripProperty().set(st);
                }
            });
        });
    }

    /** The heatmap of a sequence's frames in time order; frames of the bag that the sequence no longer has drop. */
    static FrameHeatmap.Sequence heatmapOf(Sequence s, SequencePrediction p, List<FrameAttention> frames) {
        Map<String, FrameAttention> byPath = new HashMap<>();
        frames.forEach(f -> byPath.put(f.name(), f));
        List<FrameHeatmap> out = new ArrayList<>();
        for (Frame f : s.frames()) {
            FrameAttention a = byPath.get(f.relativePath());
            if (a != null) {
                out.add(new FrameHeatmap(f, a));
            }
        }
        return new FrameHeatmap.Sequence(s.displayName(), className(p), out);
    }

    /** One bar per frame of the sequence (so the strip lines up with the thumbnails); 0 where it has no attention. */
    static FrameStripViewModel.Strip stripOf(Sequence s, FrameHeatmap.Sequence h) {
        double[] summed = new double[s.frames().size()];
        double[] bag = FrameStrip.summed(h.attention());
        for (int i = 0; i < h.frames().size(); i++) {
            int at = s.frames().indexOf(h.frames().get(i).frame());
            if (at >= 0) {
                summed[at] = bag[i];
            }
        }
        return new FrameStripViewModel.Strip(summed, s.frames().stream().map(f -> f.time().label()).toList(),
                h.className());
    }

    static String className(SequencePrediction p) {
        return p.unknown() ? "unknown line (nearest: " + p.predicted() + ")" : p.predicted();
    }

    /** The card of a prediction with the model's provenance. */
    static PredictionCard card(SequencePrediction p, ModelRecord m) {
        List<LineProbability> top = p.top().stream().map(t -> new LineProbability(t.line(), t.probability()))
                .toList();
        List<String> warnings = new ArrayList<>(p.warnings());
        if (p.unknown() && p.unknownReason() != null && !p.unknownReason().isBlank()) {
            warnings.add(0, "Open-set check: " + p.unknownReason());
        }
        // the display name alone is ambiguous (every line has a well C12): name the folder too
        String where = (p.trueLine() == null ? "" : p.trueLine() + "/") + (p.batch() == null ? "" : p.batch());
        String name = p.display() == null ? p.sequence() : p.display() + (where.isEmpty() ? "" : " · " + where);
        return new PredictionCard(name, top, p.unknown(), warnings, provenance(p, m));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> provenance(SequencePrediction p, ModelRecord m) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Sequence", p.sequence());
        if (p.trueLine() != null) {
            out.put("True line", p.trueLine() + (Boolean.TRUE.equals(p.correct()) ? " (right)" : " (wrong)"));
        }
        out.put("Model", p.model());
        if (m != null && m.id().equals(p.model())) {
            out.put("Model name", m.name());
            out.put("Kind", m.kind());
            out.put("Classes", m.classes().size() + " lines");
            if (m.encoderId() != null) {
                Object name = m.document().get("encoderName");
                out.put("Encoder", m.encoderId() + (name != null ? " (" + name + ")" : ""));
            }
            if (m.document().get("split") instanceof Map<?, ?> split) {
                Map<String, Object> sp = (Map<String, Object>) split;
                out.put("Split", sp.getOrDefault("kind", "?") + (sp.get("seed") != null ? ", seed " + sp.get("seed")
                        : ""));
            }
            if (m.created() != null) {
                out.put("Created", DATE.format(m.created()));
            }
            Object device = m.document().get("device");
            if (device != null) {
                out.put("Trained on", device.toString());
            }
        }
        out.put("Instances", String.valueOf(p.instances().size()));
        return out;
    }

    // ---- predicting

    /** The sequences a scope covers now. */
    public List<Sequence> sequences(Scope scope) {
        Dataset d = dataset.get();
        Sequence s = sequence.get();
        if (d == null) {
            return List.of();
        }
        return switch (scope) {
            case SEQUENCE -> s == null ? List.of() : List.of(s);
            case BATCH -> s == null ? List.of() : d.sequences()
                    .filter(x -> x.batch().equals(s.batch()) && x.cellLine().equals(s.cellLine())).toList();
            case DATASET -> d.sequences().toList();
        };
    }

    /**
     * Predicts the sequences of a scope with the newest usable model as a background task (masks, patches and
     * embeddings that are missing run first), then shows the results.
     *
     * @return the task, or null when there is nothing to predict or a prediction runs
     */
    public JobTask<Prediction.Result> predict(Scope scope) {
        Dataset d = dataset.get();
        List<Sequence> seqs = sequences(scope);
        JobTask<Prediction.Result> running = task.get();
        if (d == null || seqs.isEmpty() || running != null && !running.isFinished()) {
            return null;
        }
        String title = "Predict " + (seqs.size() == 1 ? seqs.get(0).displayName() : seqs.size() + " sequences");
        message.set(title + "…");
        Path root = d.root();
        String device = services.device();
        int threads = services.threads();
        JobTask<Prediction.Result> t = services.tasks().submit(title, (progress, cancel) -> {
            try (Workspace ws = Workspace.open(root, null)) {
                ModelRecord m = Models.resolveModel(ws, null, null);
                EncoderRecord e = Models.encoderFor(ws, m, null);
                try (PatchEncoder enc = PatchEncoders.open(e.file(), OptionalInt.empty(), device)) {
                    return Prediction.predict(Pipeline.of(d, ws, threads), m, e, enc, seqs, progress, cancel);
                }
            }
        });
        task.set(t);
        t.stateProperty().addListener((o, a, st) -> {
            if (t.isFinished()) {
                finished(d, t);
            }
        });
        if (t.isFinished()) {
            finished(d, t);
        }
        return t;
    }

    private void finished(Dataset d, JobTask<Prediction.Result> t) {
        if (dataset.get() != d) {
            return;
        }
        switch (t.getState()) {
            case SUCCEEDED -> {
                Prediction.Result r = t.getValue();
                boolean newModel = r.sequences().stream().anyMatch(p -> model.get() == null
                        || !p.model().equals(model.get().id()));
                if (newModel) {
                    reload(); // a model appeared since (trained or imported): read it and all it predicted
                } else {
                    r.sequences().forEach(p -> predictions.put(p.sequence(), p));
                    onBadgesChanged.run();
                    show();
                }
                long failed = r.summary().items().stream().filter(i -> i.status().name().equals("FAILED")).count();
                message.set(r.sequences().size() + " predicted" + (failed > 0 ? ", " + failed + " could not be: "
                        + r.summary().items().stream().filter(i -> i.status().name().equals("FAILED"))
                        .map(i -> i.note().orElse(i.itemKey())).findFirst().orElse("") : ""));
            }
            case CANCELLED -> message.set("Prediction cancelled; what was computed is stored, Predict resumes.");
            case FAILED -> message.set("Prediction failed: " + t.getFailureReason());
            default -> {
            }
        }
    }

    /**
     * Imports a published MIL model ({@code .npz} + class names) through the same code as
     * {@code clanet predict --model FILE.npz --classes CLASSES.txt}, then reloads.
     */
    public JobTask<ModelRecord> importModel(Path npz, Path classes) {
        Dataset d = dataset.get();
        if (d == null) {
            return null;
        }
        Path root = d.root();
        JobTask<ModelRecord> t = services.tasks().submit("Import model " + npz.getFileName(), (progress, cancel) -> {
            try (Workspace ws = Workspace.open(root, null)) {
                return Models.importModel(ws, npz, classes);
            }
        });
        afterTask(t, "Imported model ");
        return t;
    }

    /** Imports an encoder ({@code .npz} or TorchScript) through the same code as {@code --encoder FILE}. */
    public JobTask<EncoderRecord> importEncoder(Path file) {
        Dataset d = dataset.get();
        if (d == null) {
            return null;
        }
        Path root = d.root();
        JobTask<EncoderRecord> t = services.tasks().submit("Import encoder " + file.getFileName(),
                (progress, cancel) -> {
                    try (Workspace ws = Workspace.open(root, null)) {
                        return Models.importEncoder(ws, file, OptionalInt.empty());
                    }
                });
        afterTask(t, "Imported encoder ");
        return t;
    }

    private <T> void afterTask(JobTask<T> t, String what) {
        Runnable done = () -> {
            switch (t.getState()) {
                case SUCCEEDED -> {
                    message.set(what + describe(t.getValue()));
                    reload();
                }
                case FAILED -> message.set(what.trim().replace("Imported", "Import") + " failed: "
                        + t.getFailureReason());
                default -> {
                }
            }
        };
        t.stateProperty().addListener((o, a, st) -> {
            if (t.isFinished()) {
                done.run();
            }
        });
        if (t.isFinished()) {
            done.run();
        }
    }

    private static String describe(Object o) {
        if (o instanceof ModelRecord m) {
            return m.id() + " (" + m.classes().size() + " lines)";
        }
        if (o instanceof EncoderRecord e) {
            return e.id() + " (" + e.name() + ")";
        }
        return String.valueOf(o);
    }

    // ---- badges

    private List<Badge> badgesOf(Sequence s) {
        SequencePrediction p = predictions.get(s.id());
        return p == null ? List.of() : List.of(badge(p));
    }

    /** Green: predicted the labelled line; red: another line; grey: unknown line or unlabelled. */
    static Badge badge(SequencePrediction p) {
        String top = p.predicted() + " " + ResultCardViewModel.percent(p.top().isEmpty() ? 0
                : p.top().get(0).probability());
        if (p.unknown()) {
            return new Badge("mdi2h-help-circle-outline", "Prediction: unknown line (nearest " + top + ")",
                    "badge-unknown");
        }
        Boolean right = p.correct();
        if (right == null) {
            return new Badge("mdi2t-tag-outline", "Prediction: " + top, "badge-unknown");
        }
        return right ? new Badge("mdi2c-check-circle", "Prediction: " + top + " (right)", "badge-ok")
                : new Badge("mdi2c-close-circle", "Prediction: " + top + ", true line " + p.trueLine(),
                "badge-error");
    }

    /** The navigator's badge provider: predicted vs true line of each sequence with a stored prediction. */
    public BadgeProvider badges() {
        return badges;
    }

    /** Called when the badges change (the integrator refreshes the navigator). */
    public void setOnBadgesChanged(Runnable r) {
        onBadgesChanged = r == null ? () -> { } : r;
    }

    /** Right / wrong / unknown counts over the stored predictions of labelled sequences. */
    public static int[] tally(Collection<SequencePrediction> ps) {
        int[] out = new int[3];
        for (SequencePrediction p : ps) {
            out[p.unknown() ? 2 : Boolean.TRUE.equals(p.correct()) ? 0 : Boolean.FALSE.equals(p.correct()) ? 1 : 2]++;
        }
        return out;
    }

    // ---- properties

    public ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    public ObjectProperty<Sequence> sequenceProperty() {
        return sequence;
    }

    /** The model predictions are made with: the workspace's newest usable one. */
    public ReadOnlyObjectProperty<ModelRecord> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The selected sequence's stored prediction, or null. */
    public ReadOnlyObjectProperty<SequencePrediction> predictionProperty() {
        return prediction.getReadOnlyProperty();
    }

    /** The selected sequence's attention for the heatmap layer and the gallery, or null. */
    public ReadOnlyObjectProperty<FrameHeatmap.Sequence> heatmapProperty() {
        return heatmap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobTask<Prediction.Result>> taskProperty() {
        return task.getReadOnlyProperty();
    }

    /** What happened last, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ResultCardViewModel card() {
        return card;
    }

    public FrameStripViewModel strip() {
        return strip;
    }

    /** The stored predictions known now, by sequence id (a copy). */
    public Map<String, SequencePrediction> predictions() {
        return Map.copyOf(predictions);
    }
}
