package org.clanet.workbench.mil;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.mil.sampling.SegmentSampler;
import org.clanet.workbench.mil.sampling.Snippet;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.io.AtomicFiles;

/**
 * Trains the gated-attention aggregator as train_TSS_MIL.py does: per epoch every training bag gives one TSS
 * snippet, minibatches of {@code batchSize} shuffled bags, loss Σ CE·w/Σw, one SGD step (momentum, weight
 * decay) per minibatch. Fixes: validation on sequences held out from the training batches (never the test
 * batches) every {@code validateEvery} epochs, keeping the best model by validation loss and the last. Beyond
 * the published training (parameters, 0 = published): an instance-level loss term, and training on standardised
 * features whose scaling is folded into the saved weights ({@link FeatureScaling}).
 *
 * <p>A run folder holds {@code checkpoint.npz} (weights, momentum, best weights, and the loop state as JSON
 * in one archive written atomically: every N epochs, at cancel and at the end), {@code history.json},
 * {@code best.npz} and {@code last.npz}. Training into a folder with a checkpoint resumes it: all random draws
 * derive from (seed, epoch, sequence), so a resumed run equals an uninterrupted one. Cancellation is checked
 * between minibatches. One training per JVM (DJL's PyTorch engine allows one gradient collector).
 */
public final class MilTrainer {

    public static final String CHECKPOINT = "checkpoint.npz";
    public static final String BEST = "best.npz";
    public static final String LAST = "last.npz";
    public static final String HISTORY = "history.json";
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final MilParameters params;

    public MilTrainer(MilParameters params) {
        this.params = params;
    }

    public MilParameters parameters() {
        return params;
    }

    /** A bag with its class label. */
    public record LabelledBag(Bag bag, int label) {
    }

    /** Classes (index = label) and the training and validation bags. */
    public record TrainingData(List<String> classes, List<LabelledBag> train, List<LabelledBag> validation) {

        public TrainingData {
            classes = List.copyOf(classes);
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    /**
     * What one epoch did. Validation fields are NaN on epochs without validation.
     *
     * @param epoch      1-based
     * @param trainLoss  mean over minibatches of Σ CE·w/Σw (the published figure)
     * @param liveArrays NDArrays held by the model's manager after the epoch (flat when nothing leaks)
     */
    public record EpochReport(int epoch, int epochs, double trainLoss, double trainAccuracy, double validationLoss,
                              double validationAccuracy, double learningRate, double seconds, int liveArrays) {

        public boolean validated() {
            return !Double.isNaN(validationLoss);
        }
    }

    /** Receives progress; called on the training thread. */
    public interface Listener {
        Listener NONE = r -> { };

        void epoch(EpochReport report);

        /** After each minibatch step: 1-based epoch, minibatches done in it and their number. */
        default void minibatch(int epoch, int done, int total) {
        }

        default void message(String text) {
        }
    }

    /**
     * @param best      lowest validation loss (the last model when there is no validation data)
     * @param bestEpoch 1-based epoch of {@code best}
     */
    public record Result(MilWeights last, MilWeights best, int bestEpoch, double bestValidationLoss,
                         List<EpochReport> history, boolean cancelled, int epochsDone, Path runDir) {
    }

    /** Loop state stored in the checkpoint. {@code minibatch} > 0 means mid-epoch (after a cancel). */
    record State(int epoch, int minibatch, double lossSum, int correct, int seen, int bestEpoch,
                 double bestValidationLoss, double epochSeconds, List<EpochReport> history,
                 Map<String, Object> parameters, List<String> classes, int inputDim) {
    }

    public Result train(TrainingData data, Path runDir, Listener listener, Cancellation cancel) throws IOException {
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("another MIL training is already running in this process: one at a"
                    + " time (the PyTorch engine allows one gradient collector per JVM)");
        }
        try {
            return run(data, runDir, listener, cancel);
        } finally {
            RUNNING.set(false);
        }
    }

    private Result run(TrainingData given, Path runDir, Listener listener, Cancellation cancel) throws IOException {
        validate(given);
        int inputDim = given.train().get(0).bag().inputDim();
        // Deterministic from the training bags, so a resumed run recomputes the same scaling; bags scaled once.
        FeatureScaling scaling = params.standardiseFeatures() == 1 ? FeatureScaling.fit(given.train(), inputDim) : null;
        TrainingData data = scaling == null ? given : new TrainingData(given.classes(), scaling.apply(given.train()),
                scaling.apply(given.validation()));
        SegmentSampler sampler = new SegmentSampler(params.warmupEpochs());
        List<SegmentSampler.Plan> plans = new ArrayList<>();
        for (LabelledBag b : data.train()) {
            plans.add(sampler.plan(b.bag().hours(), params.epochs(), SegmentSampler.seedFor(params.seed(), b.bag().sequenceId())));
        }
        Files.createDirectories(runDir);
        Path checkpoint = runDir.resolve(CHECKPOINT);
        State state;
        MilWeights start;
        MilWeights best = null;
        float[][] momentum = null;
        if (Files.exists(checkpoint)) {
            Map<String, NpyArray> a = Npz.read(checkpoint);
            state = Json.MAPPER.readValue(a.get("state").stringList().get(0), new TypeReference<State>() { });
            checkResumable(state, data, inputDim, checkpoint);
            start = weightsFrom(a, "", data.classes(), inputDim);
            if (a.containsKey("best." + MilWeights.NAMES.get(0))) {
                best = weightsFrom(a, "best.", data.classes(), inputDim);
            }
            momentum = new float[MilWeights.NAMES.size()][];
            for (int i = 0; i < momentum.length; i++) {
                momentum[i] = a.get("momentum." + i).data();
            }
            listener.message("resuming " + runDir + " at epoch " + (state.epoch() + 1)
                    + (state.minibatch() > 0 ? ", minibatch " + (state.minibatch() + 1) : ""));
        } else {
            state = new State(0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, 0, List.of(), params.asMap(),
                    data.classes(), inputDim);
            start = MilWeights.pytorchDefault(data.classes(), inputDim, params.attentionDim(), params.seed());
        }
        List<EpochReport> history = new ArrayList<>(state.history());
        int bestEpoch = state.bestEpoch();
        double bestLoss = state.bestValidationLoss();
        int n = data.train().size();
        int minibatches = (n + params.batchSize() - 1) / params.batchSize();
        try (GatedAttentionMil model = GatedAttentionMil.of(start); MinibatchSgd sgd = new MinibatchSgd(model)) {
            if (momentum != null) {
                sgd.restoreMomentum(momentum);
            }
            int firstMinibatch = state.minibatch();
            double lossSum = state.lossSum();
            int correct = state.correct();
            int seen = state.seen();
            double carriedSeconds = state.epochSeconds();
            for (int epoch = state.epoch(); epoch < params.epochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = shuffled(n, mixEpoch(params.seed(), epoch));
                for (int mb = firstMinibatch; mb < minibatches; mb++) {
                    if (cancel.isCancelled()) {
                        double secs = carriedSeconds + (System.nanoTime() - t0) / 1e9;
                        saveCheckpoint(checkpoint, model, sgd, best, new State(epoch, mb, lossSum, correct, seen,
                                bestEpoch, bestLoss, secs, history, params.asMap(), data.classes(), inputDim));
                        listener.message("cancelled during epoch " + (epoch + 1) + "; checkpoint saved");
                        MilWeights now = rawInput(scaling, model.weights());
                        return new Result(now, best == null ? now : rawInput(scaling, best), bestEpoch,
                                bestLoss, List.copyOf(history), true, epoch, runDir);
                    }
                    int from = mb * params.batchSize();
                    int to = Math.min(n, from + params.batchSize());
                    List<float[][]> bags = new ArrayList<>(to - from);
                    int[] targets = new int[to - from];
                    double[] weights = new double[to - from];
                    for (int i = from; i < to; i++) {
                        int idx = order[i];
                        Snippet s = plans.get(idx).snippet(epoch);
                        bags.add(data.train().get(idx).bag().instancesOf(s.frames()));
                        targets[i - from] = data.train().get(idx).label();
                        weights[i - from] = s.weight();
                    }
                    MinibatchSgd.StepResult r = sgd.step(bags, targets, weights, params.learningRate(),
                            params.momentum(), params.weightDecay(), params.instanceLossWeight());
                    if (Double.isNaN(r.loss())) {
                        throw new IllegalStateException("training diverged: loss is NaN at epoch " + (epoch + 1));
                    }
                    lossSum += r.loss();
                    for (boolean c : r.correct()) {
                        correct += c ? 1 : 0;
                    }
                    seen += r.correct().length;
                    listener.minibatch(epoch + 1, mb + 1, minibatches);
                }
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                boolean lastEpoch = epoch + 1 == params.epochs();
                if (!data.validation().isEmpty() && ((epoch + 1) % params.validateEvery() == 0 || lastEpoch)) {
                    double[] v = validation(model, data.validation());
                    valLoss = v[0];
                    valAcc = v[1];
                    if (valLoss < bestLoss) {
                        bestLoss = valLoss;
                        bestEpoch = epoch + 1;
                        best = model.weights();
                    }
                }
                double secs = carriedSeconds + (System.nanoTime() - t0) / 1e9;
                EpochReport report = new EpochReport(epoch + 1, params.epochs(), lossSum / minibatches,
                        (double) correct / Math.max(1, seen), valLoss, valAcc, params.learningRate(), secs,
                        model.manager().getManagedArrays().size());
                history.add(report);
                listener.epoch(report);
                firstMinibatch = 0;
                lossSum = 0;
                correct = 0;
                seen = 0;
                carriedSeconds = 0;
                if ((epoch + 1) % params.checkpointEvery() == 0 || lastEpoch) {
                    saveCheckpoint(checkpoint, model, sgd, best, new State(epoch + 1, 0, 0, 0, 0, bestEpoch,
                            bestLoss, 0, history, params.asMap(), data.classes(), inputDim));
                    AtomicFiles.write(runDir.resolve(HISTORY), Json.PRETTY.writeValueAsBytes(history));
                }
            }
            MilWeights last = rawInput(scaling, model.weights());
            if (best == null) {
                best = last;
                bestEpoch = params.epochs();
                listener.message("no validation sequences: the best model is the last one");
            } else {
                best = rawInput(scaling, best);
            }
            MilModelFile.write(last, runDir.resolve(LAST));
            MilModelFile.write(best, runDir.resolve(BEST));
            AtomicFiles.write(runDir.resolve(HISTORY), Json.PRETTY.writeValueAsBytes(history));
            return new Result(last, best, bestEpoch, bestLoss, List.copyOf(history), false, params.epochs(), runDir);
        }
    }

    /** Weights that take raw features: the training-space weights with the scaling folded in (as they are without). */
    private static MilWeights rawInput(FeatureScaling scaling, MilWeights trained) {
        return scaling == null ? trained : scaling.fold(trained);
    }

    /** Mean cross-entropy and accuracy of whole validation sequences. */
    static double[] validation(MilModel model, List<LabelledBag> bags) {
        double loss = 0;
        int correct = 0;
        for (LabelledBag b : bags) {
            MilOutput out = model.predict(b.bag().instances());
            loss += -Math.log(Math.max(out.probabilities()[b.label()], Double.MIN_NORMAL));
            correct += out.top() == b.label() ? 1 : 0;
        }
        return new double[] {loss / bags.size(), (double) correct / bags.size()};
    }

    private void validate(TrainingData data) {
        if (data.classes().size() < 2) {
            throw new IllegalArgumentException("training needs at least two classes (cell lines), got "
                    + data.classes());
        }
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("no training bags (every sequence was left out, or the split is"
                    + " empty)");
        }
        int dim = data.train().get(0).bag().inputDim();
        for (List<LabelledBag> part : List.of(data.train(), data.validation())) {
            for (LabelledBag b : part) {
                if (b.bag().inputDim() != dim) {
                    throw new IllegalArgumentException("input dim mismatch: " + b.bag().sequenceId() + " has "
                            + b.bag().inputDim() + " features per instance, others " + dim);
                }
                if (b.label() < 0 || b.label() >= data.classes().size()) {
                    throw new IllegalArgumentException("label " + b.label() + " of " + b.bag().sequenceId()
                            + " is outside the " + data.classes().size() + " classes");
                }
                if (b.bag().patchesPerFrame() != params.patchesPerFrame()) {
                    throw new IllegalArgumentException(b.bag().sequenceId() + " has " + b.bag().patchesPerFrame()
                            + " patches per frame; the parameters say " + params.patchesPerFrame());
                }
            }
        }
    }

    private void checkResumable(State s, TrainingData data, int inputDim, Path checkpoint) {
        if (!s.classes().equals(data.classes()) || s.inputDim() != inputDim) {
            throw new IllegalArgumentException(checkpoint + " was trained on classes " + s.classes() + " with "
                    + s.inputDim() + " features; this data has " + data.classes() + " with " + inputDim
                    + ": use a new run folder");
        }
        Map<String, Object> now = Json.MAPPER.convertValue(params.asMap(), new TypeReference<Map<String, Object>>() { });
        Map<String, Object> then = Json.MAPPER.convertValue(s.parameters(), new TypeReference<Map<String, Object>>() { });
        if (!String.valueOf(now).equals(String.valueOf(then))) {
            throw new IllegalArgumentException(checkpoint + " was trained with other parameters " + then
                    + "; resuming needs the same ones (now " + now + ")");
        }
    }

    private static MilWeights weightsFrom(Map<String, NpyArray> a, String prefix, List<String> classes,
                                          int inputDim) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String name : MilWeights.NAMES) {
            values.put(name, a.get(prefix + name).data());
        }
        int attentionDim = (int) a.get(prefix + "attention_V.0.weight").shape()[0];
        return MilWeights.of(classes, inputDim, attentionDim, values);
    }

    private static void saveCheckpoint(Path file, GatedAttentionMil model, MinibatchSgd sgd, MilWeights best,
                                       State state) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        MilWeights w = model.weights();
        Map<String, long[]> shapes = MilWeights.shapes(w.inputDim(), w.attentionDim(), w.classCount());
        w.named().forEach((k, v) -> arrays.put(k, NpyArray.floats(v, shapes.get(k))));
        if (best != null) {
            best.named().forEach((k, v) -> arrays.put("best." + k, NpyArray.floats(v, shapes.get(k))));
        }
        float[][] m = sgd.momentumValues();
        for (int i = 0; i < m.length; i++) {
            arrays.put("momentum." + i, NpyArray.floats(m[i], m[i].length));
        }
        arrays.put(MilModelFile.CLASSES_KEY, NpyArray.strings(w.classes()));
        arrays.put("state", NpyArray.strings(List.of(Json.MAPPER.writeValueAsString(state))));
        AtomicFiles.write(file, out -> Npz.write(out, arrays));
    }

    private static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static long mixEpoch(long seed, int epoch) {
        return splitmix(seed * 31 + 0x632BE59BD9B4E019L + epoch);
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
