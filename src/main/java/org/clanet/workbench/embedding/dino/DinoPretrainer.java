package org.clanet.workbench.embedding.dino;

import static org.clanet.workbench.embedding.vit.Tensors.own;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.clanet.workbench.embedding.DeviceChoice;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.embedding.vit.Tensors;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.io.AtomicFiles;

/**
 * DINO self-supervised pretraining of a ViT on patches, as CLANet's dino/main_dino_patch.py does it:
 * multi-crop views, student (stochastic depth) and teacher (EMA of the student, head included, global
 * views only, no drop path), centring, temperature-sharpened cross-entropy over the (teacher global,
 * other student view) pairs, AdamW (torch semantics, decay only on parameters with ndim > 1) with cosine
 * lr / weight-decay / momentum schedules, last layer frozen in the first epoch(s).
 *
 * <p>Run folder: {@value #CHECKPOINT} (student, teacher, AdamW moments and step counts, centre, position
 * in the schedule, parameters; one atomic file), {@value #STATE} (a readable copy of the position),
 * {@value #ENCODER} (the teacher backbone with the published names, refreshed at every checkpoint) and
 * {@value #LOG} (one JSON line per epoch). {@link #train} on a folder with a checkpoint resumes it; the
 * per-step random streams derive from (seed, global step), so a resumed run repeats exactly what the
 * uninterrupted run would have done.
 *
 * <p>One training per JVM (DJL's gradient collector is process-wide).
 */
public final class DinoPretrainer {

    public static final String CHECKPOINT = "checkpoint.npz";
    public static final String STATE = "checkpoint.json";
    public static final String ENCODER = "encoder.npz";
    public static final String LOG = "log.jsonl";

    private static final ReentrantLock ONE_TRAINING = new ReentrantLock();
    private static final String STUDENT = "student.";
    private static final String TEACHER = "teacher.";
    private static final String ADAM_M = "adam_m.";
    private static final String ADAM_V = "adam_v.";
    private static final String ADAM_STEP = "adam_step.";
    /** Parameters added after checkpoints were first written; a checkpoint without one trained with it at 0. */
    private static final java.util.Set<String> OPTIONS_ADDED_LATER = java.util.Set.of("koleo_weight", "blur_sigma_max",
            "noise_sd_max");

    private final VitConfig config;
    private final DinoParameters params;
    private final Device device;

    public DinoPretrainer(VitConfig config, DinoParameters params, Device device) {
        this.config = config.withDropPath(params.dropPathRate());
        this.params = params;
        this.device = device;
    }

    /** For callers outside this package (no DJL types): device "auto", "cpu" or "gpu". */
    public DinoPretrainer(VitConfig config, DinoParameters params, String device) {
        this(config, params, DeviceChoice.resolve(device));
    }

    public VitConfig config() {
        return config;
    }

    public DinoParameters parameters() {
        return params;
    }

    /** "PyTorch 2.7.1 · CPU". */
    public String deviceDescription() {
        return DeviceChoice.describe(device);
    }

    /** Optimiser steps per epoch (drop_last as published). */
    public int stepsPerEpoch(int patches) {
        return patches / params.batchSize();
    }

    /**
     * Seconds one training step takes here: runs two steps on fresh weights (the first warms libtorch up)
     * and times the second. Multiply by {@link #stepsPerEpoch} for an epoch.
     */
    public double estimateSecondsPerStep(PatchSource source) {
        checkSource(source);
        lock();
        try (NDManager root = NDManager.newBaseManager(device);
             State s = State.fresh(config, params, root)) {
            int[] order = permutation(source.size(), 0);
            double last = 0;
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                step(s, source, order, 0, i % Math.max(1, stepsPerEpoch(source.size())), i, 1000, root);
                last = (System.nanoTime() - t0) / 1e9;
            }
            return last;
        } finally {
            ONE_TRAINING.unlock();
        }
    }

    /**
     * Trains (or resumes) in {@code runDir}. Returns when all epochs are done, or when {@code cancel} fires:
     * then the state after the last finished step is checkpointed and the result says not finished.
     */
    public DinoResult train(PatchSource source, Path runDir, DinoListener listener, Cancellation cancel)
            throws IOException {
        checkSource(source);
        lock();
        try (NDManager root = NDManager.newBaseManager(device)) {
            Files.createDirectories(runDir);
            Path ckpt = runDir.resolve(CHECKPOINT);
            int steps = stepsPerEpoch(source.size());
            long total = (long) steps * params.epochs();
            try (State s = Files.exists(ckpt) ? State.load(ckpt, config, params, source.size(), root)
                    : State.fresh(config, params, root)) {
                listener.onStart(config.describe() + ", " + source.size() + " patches, batch " + params.batchSize()
                        + ", " + steps + " steps/epoch · " + deviceDescription(), s.epoch, s.step);
                Path encoder = Files.exists(runDir.resolve(ENCODER)) ? runDir.resolve(ENCODER) : null;
                while (s.epoch < params.epochs()) {
                    int epoch = s.epoch;
                    int[] order = permutation(source.size(), epoch);
                    long epochStart = System.nanoTime();
                    while (s.step < steps) {
                        if (cancel.isCancelled()) {
                            save(s, runDir, source.size());
                            listener.onCheckpoint(ckpt, s.epoch, s.step);
                            return new DinoResult(false, s.epoch, runDir.resolve(ENCODER), List.copyOf(s.epochLosses),
                                    deviceDescription());
                        }
                        long it = (long) epoch * steps + s.step;
                        long t0 = System.nanoTime();
                        double loss = step(s, source, order, epoch, s.step, it, total, root);
                        if (!Double.isFinite(loss)) {
                            throw new IllegalStateException("DINO loss is " + loss + " at epoch " + epoch + " step "
                                    + s.step + ", stopping training (as published)");
                        }
                        s.partialLoss += loss;
                        s.partialCount++;
                        listener.onStep(new DinoListener.Step(epoch, params.epochs(), s.step, steps, loss,
                                lr(it, total, steps), wd(it, total), momentum(it, total), (System.nanoTime() - t0) / 1e9));
                        s.step++;
                    }
                    double mean = s.partialLoss / Math.max(1, s.partialCount);
                    s.epochLosses.add(mean);
                    s.epoch++;
                    s.step = 0;
                    s.partialLoss = 0;
                    s.partialCount = 0;
                    DinoListener.Epoch e = new DinoListener.Epoch(epoch, params.epochs(), mean,
                            (System.nanoTime() - epochStart) / 1e9, ProcessMemory.rssBytes(),
                            ProcessMemory.peakRssBytes(), root.getManagedArrays().size());
                    appendLog(runDir, e);
                    listener.onEpoch(e);
                    if (s.epoch % params.saveckpFreq() == 0 || s.epoch == params.epochs()) {
                        save(s, runDir, source.size());
                        encoder = runDir.resolve(ENCODER);
                        listener.onCheckpoint(ckpt, s.epoch, 0);
                    }
                }
                return new DinoResult(true, s.epoch, encoder, List.copyOf(s.epochLosses), deviceDescription());
            }
        } finally {
            ONE_TRAINING.unlock();
        }
    }

    private void checkSource(PatchSource source) {
        if (source.size() < params.batchSize()) {
            throw new IllegalArgumentException("DINO needs at least one full batch: " + source.size()
                    + " patches < batch " + params.batchSize() + " (run patch selection first, or lower --batch)");
        }
    }

    private static void lock() {
        if (!ONE_TRAINING.tryLock()) {
            throw new IllegalStateException("a DINO training is already running in this process (DJL allows one"
                    + " gradient collector per JVM): wait for it or cancel it");
        }
    }

    double lr(long it, long total, int steps) {
        return DinoParameters.cosine(params.scaledLr(), params.minLr(), it, total, (long) params.warmupEpochs() * steps, 0);
    }

    double wd(long it, long total) {
        return DinoParameters.cosine(params.weightDecay(), params.weightDecayEnd(), it, total, 0, 0);
    }

    double momentum(long it, long total) {
        return DinoParameters.cosine(params.momentumTeacher(), 1.0, it, total, 0, 0);
    }

    /** Epoch order of the patches (the sampler's shuffle), a function of (seed, epoch) only. */
    private int[] permutation(int n, int epoch) {
        SplittableRandom r = new SplittableRandom(params.seed() * 1_000_003L + epoch);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** One DINO iteration; returns the loss. */
    private double step(State s, PatchSource source, int[] order, int epoch, int stepInEpoch, long it, long total,
                        NDManager root) {
        int b = params.batchSize();
        int nLocal = params.localCropsNumber();
        int gs = params.globalCropSize();
        int ls = params.localCropSize();
        SplittableRandom rng = new SplittableRandom(params.seed() * 0x9E3779B97F4A7C15L + it * 0xBF58476D1CE4E5B9L + 17);
        MultiCrop crops = new MultiCrop(params);
        float[] globals = new float[2 * b * gs * gs];
        float[] locals = new float[nLocal * b * ls * ls];
        int side = source.patchSize();
        for (int i = 0; i < b; i++) {
            float[] patch = source.patch(order[stepInEpoch * b + i]);
            float[][] v = crops.views(patch, side, rng.split());
            for (int g = 0; g < 2; g++) {
                System.arraycopy(v[g], 0, globals, (g * b + i) * gs * gs, gs * gs);
            }
            for (int l = 0; l < nLocal; l++) {
                System.arraycopy(v[2 + l], 0, locals, (l * b + i) * ls * ls, ls * ls);
            }
        }
        SplittableRandom dropPath = rng.split();
        int steps = (int) (total / params.epochs());
        StepSettings settings = new StepSettings(lr(it, total, steps), wd(it, total), momentum(it, total),
                params.teacherTemperature(epoch), epoch < params.freezeLastLayer());
        return trainStep(s, globals, locals, settings, dropPath, root);
    }

    /** The scheduled values one iteration uses (lr, weight decay, teacher EMA momentum, teacher temperature). */
    record StepSettings(double lr, double weightDecay, double momentum, double teacherTemp,
                        boolean freezeLastLayer) {
    }

    /**
     * One DINO iteration of {@code s} on given views, as train_one_epoch does it: teacher forward (global
     * views), student forward, loss against the current centre, backward, centre EMA (published: inside the
     * loss, after the targets are made: the same numbers), AdamW (last layer skipped when frozen), teacher
     * EMA. Package-private so DinoStepParityTest runs exactly this on reference views.
     *
     * @param globals 2 x B gray 112x112 views, view-major (row g * B + i)
     * @param locals  local_crops_number x B gray 32x32 views, view-major
     * @return the loss
     */
    double trainStep(State s, float[] globals, float[] locals, StepSettings h, RandomGenerator dropPath,
                     NDManager root) {
        int b = params.batchSize();
        int nLocal = params.localCropsNumber();
        int gs = params.globalCropSize();
        int ls = params.localCropSize();
        Tensors.gradOff();
        try (NDManager m = root.newSubManager()) {
            NDArray g = m.create(globals, new Shape(2L * b, 1, gs, gs));
            NDArray l = nLocal == 0 ? null : m.create(locals, new Shape((long) nLocal * b, 1, ls, ls));
            NDArray teacherOut = s.teacher.forward(g, null, null);
            NDArray q = DinoLoss.teacherTargets(teacherOut, s.center, h.teacherTemp(), b);
            double lossValue;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                DinoNetwork.Outputs student = s.student.forwardWithClassTokens(g, l, dropPath);
                NDArray loss = DinoLoss.crossEntropy(student.head(), q, params.studentTemp(), 2 + nLocal, b);
                if (params.koleoWeight() > 0) {
                    NDArray firstView = student.globalClassTokens().get(new NDIndex("0:{}", b));
                    loss = loss.add(DinoLoss.koleo(firstView).mul(Tensors.scalar(m, params.koleoWeight())));
                }
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            Tensors.gradOff();
            DinoLoss.updateCenter(s.center, teacherOut, params.centerMomentum());
            adamW(s, m, h.lr(), h.weightDecay(), h.freezeLastLayer());
            // teacher = EMA of the student, every parameter (head included)
            double mom = h.momentum();
            for (Map.Entry<String, NDArray> e : s.student.parameters().entrySet()) {
                NDArray t = s.teacher.parameters().get(e.getKey());
                t.muli(mom).addi(own(m, e.getValue().mul(1 - mom)));
            }
            return lossValue;
        }
    }

    /** torch.optim.AdamW step; parameters whose gradient is dropped (frozen last layer) are skipped entirely. */
    private void adamW(State s, NDManager m, double lr, double wd, boolean freezeLastLayer) {
        double b1 = params.adamBeta1();
        double b2 = params.adamBeta2();
        for (Map.Entry<String, NDArray> e : s.student.parameters().entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray grad = own(m, p.getGradient());
            boolean frozen = freezeLastLayer && name.startsWith(DinoNetwork.LAST_LAYER);
            if (!frozen) {
                int t = s.adamSteps.merge(name, 1, Integer::sum);
                double decay = p.getShape().dimension() > 1 ? wd : 0.0;
                if (decay != 0) {
                    p.muli(1 - lr * decay);
                }
                NDArray mm = s.adamM.get(name);
                NDArray vv = s.adamV.get(name);
                mm.muli(b1).addi(grad.mul(1 - b1));
                vv.muli(b2).addi(grad.square().muli(1 - b2));
                double bc1 = 1 - Math.pow(b1, t);
                double bc2 = 1 - Math.pow(b2, t);
                NDArray denom = own(m, vv.sqrt()).divi(Math.sqrt(bc2)).addi(params.adamEps());
                p.subi(own(m, mm.div(denom)).muli(lr / bc1));
            }
            grad.subi(grad);
        }
    }

    private void save(State s, Path runDir, int patches) throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        Map<String, float[]> student = s.student.values();
        Map<String, float[]> teacher = s.teacher.values();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        s.student.parameters().forEach((k, v) -> shapes.put(k, v.getShape().getShape()));
        for (String k : shapes.keySet()) {
            a.put(STUDENT + k, NpyArray.ofFloats(student.get(k), shapes.get(k)));
            a.put(TEACHER + k, NpyArray.ofFloats(teacher.get(k), shapes.get(k)));
            a.put(ADAM_M + k, NpyArray.ofFloats(Tensors.toFloats(s.adamM.get(k)), shapes.get(k)));
            a.put(ADAM_V + k, NpyArray.ofFloats(Tensors.toFloats(s.adamV.get(k)), shapes.get(k)));
            a.put(ADAM_STEP + k, NpyArray.ofInts(new int[] {s.adamSteps.getOrDefault(k, 0)}, 1));
        }
        a.put("center", NpyArray.ofFloats(Tensors.toFloats(s.center), 1, config.headOut()));
        ObjectNode st = Json.MAPPER.createObjectNode();
        st.put("epoch", s.epoch);
        st.put("step", s.step);
        st.put("partial_loss", s.partialLoss);
        st.put("partial_count", s.partialCount);
        st.put("patches", patches);
        st.set("epoch_losses", Json.MAPPER.valueToTree(s.epochLosses));
        st.set("config", Json.MAPPER.valueToTree(config));
        st.set("params", Json.MAPPER.valueToTree(params.asMap()));
        st.put("device", deviceDescription());
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(st);
        a.put("state", NpyArray.ofStrings(new String[] {json}));
        Npz.write(runDir.resolve(CHECKPOINT), a);
        AtomicFiles.writeString(runDir.resolve(STATE), json);
        Map<String, float[]> backbone = new LinkedHashMap<>();
        teacher.forEach((k, v) -> {
            if (k.startsWith(DinoNetwork.BACKBONE)) {
                backbone.put(k.substring(DinoNetwork.BACKBONE.length()), v);
            }
        });
        EncoderWeights.write(runDir.resolve(ENCODER), config, backbone);
    }

    private static void appendLog(Path runDir, DinoListener.Epoch e) throws IOException {
        String line = Json.MAPPER.writeValueAsString(e) + "\n";
        Files.writeString(runDir.resolve(LOG), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Everything a step changes. */
    static final class State implements AutoCloseable {
        final NDManager manager;
        final DinoNetwork student;
        final DinoNetwork teacher;
        final Map<String, NDArray> adamM = new LinkedHashMap<>();
        final Map<String, NDArray> adamV = new LinkedHashMap<>();
        final Map<String, Integer> adamSteps = new LinkedHashMap<>();
        final NDArray center;
        final List<Double> epochLosses = new ArrayList<>();
        int epoch;
        int step;
        double partialLoss;
        int partialCount;

        private State(NDManager manager, DinoNetwork student, DinoNetwork teacher, NDArray center) {
            this.manager = manager;
            this.student = student;
            this.teacher = teacher;
            this.center = center;
            for (Map.Entry<String, NDArray> e : student.parameters().entrySet()) {
                e.getValue().setRequiresGradient(true);
                adamM.put(e.getKey(), manager.zeros(e.getValue().getShape()));
                adamV.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            }
        }

        static State fresh(VitConfig c, DinoParameters p, NDManager root) {
            NDManager m = root.newSubManager();
            DinoNetwork student = DinoNetwork.initialise(c, p.seed(), m);
            // teacher starts as a copy of the student (load_state_dict)
            DinoNetwork teacher = DinoNetwork.fromValues(c, student.values(), m);
            return new State(m, student, teacher, m.zeros(new Shape(1, c.headOut())));
        }

        /** Student {@code weights} (published names), teacher a copy, zero centre, fresh AdamW moments. */
        static State startingFrom(VitConfig c, Map<String, float[]> weights, NDManager root) {
            NDManager m = root.newSubManager();
            DinoNetwork student = DinoNetwork.fromValues(c, weights, m);
            DinoNetwork teacher = DinoNetwork.fromValues(c, weights, m);
            return new State(m, student, teacher, m.zeros(new Shape(1, c.headOut())));
        }

        static State load(Path file, VitConfig c, DinoParameters p, int patches, NDManager root) throws IOException {
            Map<String, NpyArray> a = Npz.read(file);
            NpyArray stateEntry = a.get("state");
            if (stateEntry == null || !stateEntry.isUnicode()) {
                throw new IOException(file + ": not a DINO checkpoint of this app (no 'state' entry)");
            }
            JsonNode st = Json.MAPPER.readTree(stateEntry.strings()[0]);
            VitConfig saved = Json.MAPPER.treeToValue(st.get("config"), VitConfig.class);
            if (!saved.equals(c)) {
                throw new IOException(file + ": checkpoint is for " + saved + ", this run asks for " + c
                        + " (use a new run folder)");
            }
            Map<String, Object> now = p.asMap();
            JsonNode was = st.get("params");
            for (Map.Entry<String, Object> e : now.entrySet()) {
                if (e.getKey().equals("saveckp_freq")) {
                    continue;
                }
                JsonNode v = was.get(e.getKey());
                if (v == null && OPTIONS_ADDED_LATER.contains(e.getKey()) && ((Number) e.getValue()).doubleValue() == 0) {
                    continue; // checkpoints from before these options trained without them
                }
                if (v == null || Double.compare(v.asDouble(), ((Number) e.getValue()).doubleValue()) != 0) {
                    throw new IOException(file + ": checkpoint was trained with " + e.getKey() + "=" + v + ", this run"
                            + " asks for " + e.getValue() + " (resume with the same parameters or use a new run folder)");
                }
            }
            if (st.get("patches").asInt() != patches) {
                throw new IOException(file + ": checkpoint was trained on " + st.get("patches").asInt()
                        + " patches, the data now has " + patches + " (use a new run folder)");
            }
            NDManager m = root.newSubManager();
            Map<String, float[]> sv = new LinkedHashMap<>();
            Map<String, float[]> tv = new LinkedHashMap<>();
            a.forEach((k, v) -> {
                if (k.startsWith(STUDENT)) {
                    sv.put(k.substring(STUDENT.length()), v.data());
                } else if (k.startsWith(TEACHER)) {
                    tv.put(k.substring(TEACHER.length()), v.data());
                }
            });
            DinoNetwork student = DinoNetwork.fromValues(c, sv, m);
            DinoNetwork teacher = DinoNetwork.fromValues(c, tv, m);
            NpyArray center = a.get("center");
            State s = new State(m, student, teacher, m.create(center.data(), new Shape(center.shape())));
            for (String k : student.parameters().keySet()) {
                NpyArray mm = a.get(ADAM_M + k);
                NpyArray vv = a.get(ADAM_V + k);
                if (mm == null || vv == null) {
                    s.close();
                    throw new IOException(file + ": missing optimiser state for " + k);
                }
                s.adamM.get(k).set(mm.data());
                s.adamV.get(k).set(vv.data());
                int steps = (int) a.get(ADAM_STEP + k).data()[0];
                if (steps > 0) {
                    s.adamSteps.put(k, steps);
                }
            }
            s.epoch = st.get("epoch").asInt();
            s.step = st.get("step").asInt();
            s.partialLoss = st.get("partial_loss").asDouble();
            s.partialCount = st.get("partial_count").asInt();
            st.get("epoch_losses").forEach(n -> s.epochLosses.add(n.asDouble()));
            return s;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
