package org.clanet.workbench.embedding.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.clanet.workbench.embedding.VitPatchEncoder;
import org.clanet.workbench.embedding.dino.DinoListener;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.dino.DinoResult;
import org.clanet.workbench.embedding.dino.ProcessMemory;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.pipeline.Cancellation;

/**
 * Learning evidence: k-NN (cosine, k = 10, leave-one-sequence-out, label = cell line) on patch embeddings
 * of the cpu preset after DINO pretraining vs the same encoder with its random initial weights.
 *
 * <pre>java ... KnnBench DATASET OUTDIR EPOCHS MINUTES [k=v DINO overrides...]</pre>
 * MINUTES bounds the training time (0 = none): the run is cancelled then and the teacher of the cancel
 * checkpoint is evaluated. {@code -Dknn.trainPerFrame=N}: DINO trains on the top-N selected patches of every
 * frame (more data from few images) while k-NN still evaluates the top-10; {@code -Dknn.jitteredPerFrame=N}: on N
 * crops per frame, each a top-10 patch shifted by up to half a patch ({@link PatchSet#jittered});
 * {@code -Dknn.fixedNorm=true}: the cpu preset with the earlier fixed input standardisation (x - 0.5) / 0.05
 * instead of per patch.
 */
public final class KnnBench {

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int epochs = Integer.parseInt(args[2]);
        double minutes = Double.parseDouble(args[3]);
        List<String> overrides = Arrays.asList(args).subList(4, args.length);
        Files.createDirectories(out);
        featureDump = out;
        long t0 = System.nanoTime();
        PatchSet set = PatchSet.load(dataset, out.resolve("patches.npz"));
        System.out.printf("patches: %d from %s (%.0f s, load %s)%n", set.size(), dataset, (System.nanoTime() - t0) / 1e9,
                loadAverage());
        int trainPerFrame = Integer.getInteger("knn.trainPerFrame", 10);
        int jitteredPerFrame = Integer.getInteger("knn.jitteredPerFrame", 0);
        PatchSet trainSet = jitteredPerFrame > 0 ? PatchSet.jittered(dataset, jitteredPerFrame, 0)
                : trainPerFrame == 10 ? set
                : PatchSet.load(dataset, out.resolve("patches-top" + trainPerFrame + ".npz"), trainPerFrame);
        System.out.printf("DINO trains on %d patches (top %d per frame)%n", trainSet.size(), trainPerFrame);
        VitConfig cpu = Boolean.getBoolean("knn.fixedNorm") ? VitConfig.CPU.withInputNormalisation(
                VitConfig.PHASE_CONTRAST_MEAN, VitConfig.PHASE_CONTRAST_STD) : VitConfig.CPU;
        DinoParameters p = cpuDefaults().with("epochs", epochs).withAll(overrides);
        DinoPretrainer trainer = new DinoPretrainer(cpu, p, Device.cpu());
        System.out.println("DINO " + trainer.config().describe() + " " + p.asMap());
        // random baseline: the initial weights the training starts from (seed 0)
        Map<String, float[]> init;
        try (NDManager m = NDManager.newBaseManager(); VisionTransformer v = VisionTransformer.initialise(
                trainer.config(), p.seed(), m)) {
            init = v.values();
        }
        double[] rnd = evaluate("random-init", trainer.config(), init, set);
        long t1 = System.nanoTime();
        Cancellation cancel = new Cancellation();
        if (minutes > 0) {
            Thread timer = new Thread(() -> {
                try {
                    Thread.sleep((long) (minutes * 60_000));
                    cancel.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            timer.setDaemon(true);
            timer.start();
        }
        int[] steps = new int[1];
        DinoResult r = trainer.train(trainSet, out.resolve("run"), new DinoListener() {
            @Override
            public void onStep(Step s) {
                steps[0]++;
                if (s.step() % 10 == 0) {
                    System.out.printf("step %d/%d of epoch %d loss %.4f lr %.2e %.1f s (load %s)%n", s.step() + 1,
                            s.stepsPerEpoch(), s.epoch() + 1, s.loss(), s.lr(), s.seconds(), loadAverage());
                }
            }

            @Override
            public void onEpoch(Epoch e) {
                System.out.printf("epoch %d/%d loss %.4f %.1f s (process CPU %.0f s) rss %d MB peak %d MB live NDArrays %d load %s%n",
                        e.epoch() + 1, e.epochs(), e.meanLoss(), e.seconds(), cpuSeconds(), e.rssBytes() >> 20,
                        e.peakRssBytes() >> 20, e.liveArrays(), loadAverage());
            }
        }, cancel);
        System.out.printf("pretraining: %d steps in %.0f s (process CPU %.0f s so far), finished %s, peak RSS %d MB%n",
                steps[0], (System.nanoTime() - t1) / 1e9, cpuSeconds(), r.finished(), ProcessMemory.peakRssBytes() >> 20);
        EncoderWeights w = EncoderWeights.read(r.encoder(), OptionalInt.empty());
        double[] pre = evaluate("dino-" + steps[0] + "steps", w.config(), w.weights(), set);
        System.out.printf("RESULT %s: k-NN LOSO accuracy random %.3f (balanced %.3f) -> pretrained %.3f (balanced %.3f);"
                + " across batches random %.3f (balanced %.3f) -> pretrained %.3f (balanced %.3f); majority-class %.3f%n",
                dataset.getFileName(), rnd[0], rnd[1], pre[0], pre[1], rnd[2], rnd[3], pre[2], pre[3], majority(set));
    }

    /** cpu preset training defaults, as {@code clanet pretrain --preset cpu} uses them. */
    public static DinoParameters cpuDefaults() {
        return DinoParameters.forPreset("cpu");
    }

    /** Where each evaluation writes its features (features-NAME.npz: features, lines, sequences) for offline probes. */
    static Path featureDump;

    static double[] evaluate(String name, VitConfig c, Map<String, float[]> weights, PatchSet set) {
        long t0 = System.nanoTime();
        float[][] f;
        try (VitPatchEncoder enc = new VitPatchEncoder(c, weights, Device.cpu(), 64, name)) {
            f = enc.encode(set.patches());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (featureDump != null) {
            float[] flat = new float[f.length * f[0].length];
            for (int i = 0; i < f.length; i++) {
                System.arraycopy(f[i], 0, flat, i * f[0].length, f[0].length);
            }
            try {
                Npz.write(featureDump.resolve("features-" + name + ".npz"), Map.of("features",
                        NpyArray.ofFloats(flat, f.length, f[0].length), "lines", NpyArray.strings(List.of(set.lines())),
                        "sequences", NpyArray.strings(List.of(set.sequences()))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        double[] acc = knn(f, set.lines(), set.sequences(), 10);
        double[] across = knn(f, set.lines(), experiments(set.sequences()), 10);
        System.out.printf("%s: extraction %.1f patches/s (rss %d MB), k-NN accuracy %.3f balanced %.3f; across batches"
                        + " %.3f balanced %.3f%n", name, set.size() / secs, ProcessMemory.rssBytes() >> 20, acc[0], acc[1],
                across[0], across[1]);
        return new double[] {acc[0], acc[1], across[0], across[1]};
    }

    /**
     * "line/batch_k" of each "line/batch_k/sequence" id: neighbours from other experiments only, so a line must
     * be recognised across seeding, illumination and schedule (what batch-separated evaluation asks of MIL).
     */
    static String[] experiments(String[] sequences) {
        String[] out = new String[sequences.length];
        for (int i = 0; i < sequences.length; i++) {
            String[] parts = sequences[i].split("/");
            out[i] = parts.length >= 2 ? parts[0] + "/" + parts[1] : sequences[i];
        }
        return out;
    }

    /** Cosine k-NN majority vote, neighbours from other sequences only; returns {accuracy, balanced accuracy}. */
    static double[] knn(float[][] f, String[] labels, String[] groups, int k) {
        int n = f.length;
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float v : f[i]) {
                s += v * v;
            }
            double inv = 1 / Math.max(Math.sqrt(s), 1e-12);
            u[i] = new double[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                u[i][j] = f[i][j] * inv;
            }
        }
        Map<String, int[]> perClass = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double[] best = new double[k];
            int[] idx = new int[k];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            Arrays.fill(idx, -1);
            for (int j = 0; j < n; j++) {
                if (groups[j].equals(groups[i])) {
                    continue;
                }
                double s = 0;
                for (int d = 0; d < u[i].length; d++) {
                    s += u[i][d] * u[j][d];
                }
                if (s > best[k - 1]) {
                    int pos = k - 1;
                    while (pos > 0 && best[pos - 1] < s) {
                        best[pos] = best[pos - 1];
                        idx[pos] = idx[pos - 1];
                        pos--;
                    }
                    best[pos] = s;
                    idx[pos] = j;
                }
            }
            Map<String, Integer> votes = new HashMap<>();
            for (int j : idx) {
                if (j >= 0) {
                    votes.merge(labels[j], 1, Integer::sum);
                }
            }
            String pred = votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse("");
            int[] c = perClass.computeIfAbsent(labels[i], x -> new int[2]);
            c[1]++;
            if (pred.equals(labels[i])) {
                correct++;
                c[0]++;
            }
        }
        double bal = perClass.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElse(0);
        return new double[] {(double) correct / n, bal};
    }

    static double majority(PatchSet set) {
        Map<String, Integer> c = new HashMap<>();
        for (String l : set.lines()) {
            c.merge(l, 1, Integer::sum);
        }
        return c.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) set.size();
    }

    /** CPU time of this process so far: on a shared machine, a load-independent measure of work. */
    static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
