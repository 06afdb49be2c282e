package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.BatchQc;
import org.clanet.workbench.mil.GatedAttentionMil;
import org.clanet.workbench.mil.MilModelFile;
import org.clanet.workbench.mil.MilOutput;
import org.clanet.workbench.mil.OpenSet;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.stage.ItemStage;
import org.clanet.workbench.pipeline.stage.RunOptions;
import org.clanet.workbench.pipeline.stage.RunSummary;
import org.clanet.workbench.pipeline.stage.StageKeys;
import org.clanet.workbench.pipeline.stage.StageRunner;
import org.clanet.workbench.workspace.Workspace;

/**
 * Prediction per sequence: whatever is missing runs first (masks → patches → embeddings), then the MIL model gives
 * the probabilities and the attention of every instance, the open-set verdict and the QC warnings. Stored per
 * (model, sequence) and keyed by the model and the sequence's embedding keys, so a result shows again when the
 * dataset is reopened and is recomputed only when something it depends on changed.
 */
public final class Prediction {

    public static final String STAGE = "predict";
    public static final int TOP = 5;

    /** The outcome of a prediction call: every asked sequence's stored prediction and the run summary. */
    public record Result(List<SequencePrediction> sequences, List<BatchPrediction> batches, RunSummary summary) {
    }

    /** Batch level: the mean probability row of the batch's predicted sequences. */
    public record BatchPrediction(String batch, String trueLine, int sequences,
                                  List<SequencePrediction.LineProbability> top, Map<String, Double> probabilities) {
    }

    private Prediction() {
    }

    public static String itemKey(String modelId, String sequenceId) {
        return modelId + "/" + sequenceId;
    }

    /** A stored prediction of a sequence by a model, if any (fresh or not). */
    public static Optional<SequencePrediction> stored(Workspace ws, String modelId, String sequenceId)
            throws IOException {
        Optional<String> json = ws.results().get(STAGE, itemKey(modelId, sequenceId));
        return json.isPresent() ? Optional.of(Json.MAPPER.readValue(json.get(), SequencePrediction.class))
                : Optional.empty();
    }

    /** Every stored prediction of a model, by sequence id. */
    public static Map<String, SequencePrediction> all(Workspace ws, String modelId) throws IOException {
        Map<String, SequencePrediction> out = new TreeMap<>();
        for (Map.Entry<String, String> e : ws.results().all(STAGE, modelId + "/").entrySet()) {
            SequencePrediction p = Json.MAPPER.readValue(e.getValue(), SequencePrediction.class);
            out.put(p.sequence(), p);
        }
        return out;
    }

    public static Result predict(Pipeline pipeline, ModelRecord model, EncoderRecord encoder, PatchEncoder encoderModel,
                                 List<Sequence> sequences, ProgressListener progress, Cancellation cancel)
            throws IOException {
        ProgressListener pl = progress == null ? ProgressListener.NONE : progress;
        try (GatedAttentionMil mil = GatedAttentionMil.of(MilModelFile.read(model.best()))) {
            if (mil.inputDim() != encoderModel.dim()) {
                throw new IllegalArgumentException("model " + model.id() + " takes " + mil.inputDim()
                        + "-d features but encoder " + encoder.id() + " gives " + encoderModel.dim()
                        + "-d: use the encoder the model was trained with"
                        + (model.encoderId() != null ? " (" + model.encoderId() + ")" : ""));
            }
            int k = intParameter(model, "patchesPerFrame", 10);
            List<Frame> frames = sequences.stream().flatMap(s -> s.frames().stream()).toList();
            java.util.Set<String> paths = new java.util.HashSet<>();
            frames.forEach(f -> paths.add(f.relativePath()));
            pipeline.ensureEmbeddings(pipeline.frames(paths), encoder, encoderModel, k, pl, cancel);
            Stage stage = new Stage(pipeline.workspace(), model, mil, encoder.id(), k, intParameter(model,
                    "minFrames", 3), intParameter(model, "settlingHours", 0));
            RunSummary summary = StageRunner.run(stage, sequences, pipeline.workspace(), RunOptions.threads(1), null,
                    pl, cancel);
            pl.event(new ProgressEvent.Note("prediction: " + summary.line("sequences")));
            List<SequencePrediction> out = new ArrayList<>();
            for (Sequence s : sequences) {
                stored(pipeline.workspace(), model.id(), s.id()).ifPresent(out::add);
            }
            return new Result(out, batches(out, model.classes()), summary);
        }
    }

    /** Per batch (line folder + batch folder for labelled data), the mean of its sequences' probabilities. */
    public static List<BatchPrediction> batches(List<SequencePrediction> sequences, List<String> classes) {
        Map<String, List<SequencePrediction>> byBatch = new TreeMap<>();
        for (SequencePrediction p : sequences) {
            String key = (p.trueLine() == null ? "" : p.trueLine() + "/") + p.batch();
            byBatch.computeIfAbsent(key, x -> new ArrayList<>()).add(p);
        }
        List<BatchPrediction> out = new ArrayList<>();
        byBatch.forEach((key, list) -> {
            Map<String, Double> mean = new LinkedHashMap<>();
            for (String c : classes) {
                mean.put(c, list.stream().mapToDouble(p -> p.probabilities().getOrDefault(c, 0.0)).average()
                        .orElse(0));
            }
            out.add(new BatchPrediction(key, list.get(0).trueLine(), list.size(), top(mean), mean));
        });
        return out;
    }

    static List<SequencePrediction.LineProbability> top(Map<String, Double> probabilities) {
        return probabilities.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).map(e -> new SequencePrediction.LineProbability(e.getKey(), e.getValue())).toList();
    }

    @SuppressWarnings("unchecked")
    static int intParameter(ModelRecord m, String name, int fallback) {
        Object identity = m.document().get("identity");
        if (identity instanceof Map<?, ?> id && id.get("parameters") instanceof Map<?, ?> p
                && p.get(name) instanceof Number n) {
            return n.intValue();
        }
        return fallback;
    }

    /** The per-sequence stage. */
    static final class Stage implements ItemStage<Sequence, SequencePrediction> {
        private final Workspace ws;
        private final ModelRecord model;
        private final GatedAttentionMil mil;
        private final String encoderId;
        private final int k;
        private final int minFrames;
        private final OpenSet.Calibration calibration;
        private final BatchQc qc;

        private final int settlingHours;

        Stage(Workspace ws, ModelRecord model, GatedAttentionMil mil, String encoderId, int k, int minFrames,
              int settlingHours) {
            this.ws = ws;
            this.model = model;
            this.mil = mil;
            this.encoderId = encoderId;
            this.k = k;
            this.minFrames = minFrames;
            this.settlingHours = settlingHours;
            Object cal = model.document().get("openSet");
            this.calibration = cal == null ? null : Json.MAPPER.convertValue(cal, OpenSet.Calibration.class);
            Object q = model.document().get("qc");
            this.qc = q == null ? null : Json.MAPPER.convertValue(q, BatchQc.class);
        }

        @Override
        public String name() {
            return STAGE;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("model", model.id(), "encoder", encoderId, "patchesPerFrame", k, "minFrames", minFrames,
                    "settlingHours", settlingHours);
        }

        @Override
        public String itemNoun() {
            return "sequences";
        }

        @Override
        public String itemKey(Sequence s) {
            return Prediction.itemKey(model.id(), s.id());
        }

        @Override
        public String cacheKey(Sequence s) {
            return StageKeys.chained(this, Map.of("embeddings", SequenceBags.dataKey(ws, encoderId, List.of(s))));
        }

        @Override
        public SequencePrediction compute(Sequence s, Cancellation cancel) throws IOException {
            Bags.BagSet set = SequenceBags.bags(ws, encoderId, List.of(s), k, minFrames, settlingHours);
            if (set.bags().isEmpty()) {
                throw new IOException("cannot predict " + s.id() + ": " + String.join("; ", set.leftOut())
                        + " (frames need " + k + " patches each)");
            }
            Bag bag = set.bags().get(0);
            MilOutput out = mil.predict(bag.instances());
            Map<String, Double> probs = new LinkedHashMap<>();
            for (int i = 0; i < model.classes().size(); i++) {
                probs.put(model.classes().get(i), out.probabilities()[i]);
            }
            List<String> warnings = new ArrayList<>();
            if (set.framesSkipped() > 0) {
                warnings.add(set.framesSkipped() + " of " + s.size() + " frames left out (fewer than " + k
                        + " patches)");
            }
            if (set.framesSettling() > 0) {
                warnings.add(set.framesSettling() + " early frame(s) left out (taken < " + settlingHours
                        + " h after seeding, cells still settling)");
            }
            long earlyUsed = java.util.Arrays.stream(bag.hours()).filter(h -> h < settlingHours).count();
            if (earlyUsed > 0) {
                warnings.add(earlyUsed + " frame(s) from the first " + settlingHours + " h after seeding used (fewer"
                        + " than " + minFrames + " later ones): cells may still be settling");
            }
            if (qc != null) {
                warnings.addAll(qc.warnings(bag.hours()));
            }
            boolean unknown = false;
            String reason = "";
            if (calibration != null) {
                OpenSet.Verdict v = calibration.judge(out);
                unknown = v.unknown();
                reason = v.reason();
            } else {
                warnings.add("no open-set calibration for this model (imported, or trained without validation):"
                        + " an unknown line cannot be recognised");
            }
            List<SequencePrediction.Instance> instances = new ArrayList<>();
            List<Bag.InstanceRef> refs = bag.instanceRefs();
            for (int i = 0; i < refs.size(); i++) {
                instances.add(new SequencePrediction.Instance(refs.get(i).frame(), refs.get(i).rank() + 1,
                        out.attention()[i]));
            }
            String line = s.cellLine() == null || s.cellLine().startsWith("(") ? null : s.cellLine();
            return new SequencePrediction(model.id(), s.id(), s.displayName(), line, s.batch(), top(probs), probs,
                    unknown, reason, warnings, instances);
        }

        @Override
        public void store(Workspace workspace, Sequence s, String cacheKey, SequencePrediction p) {
            try {
                workspace.results().put(STAGE, itemKey(s), Json.MAPPER.writeValueAsString(p));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int count(SequencePrediction p) {
            return p.instances().size();
        }
    }
}
