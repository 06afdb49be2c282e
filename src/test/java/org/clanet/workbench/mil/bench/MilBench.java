package org.clanet.workbench.mil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clanet.workbench.mil.GatedAttentionMil;
import org.clanet.workbench.mil.MilEvaluator;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.mil.MilTrainer;
import org.clanet.workbench.mil.OpenSet;
import org.clanet.workbench.mil.SyntheticBags;
import org.clanet.workbench.pipeline.Cancellation;

/**
 * MIL figures for docs/MIL.md "Benchmarks" (measured, not asserted). Sections: {@code speed} (epoch time,
 * prediction time, memory over epochs at the published 1536-d input), {@code learn} (trained vs untrained on
 * synthetic bags, published hyper-parameters), {@code openset} (one line held out entirely).
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.clanet.workbench.mil.bench.MilBench speed learn openset
 * </pre>
 * {@code -Dmil.bench.epochs=N -Dmil.bench.lr=5e-4,5e-3} change the {@code learn} runs.
 */
public final class MilBench {

    private MilBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("speed", "learn", "openset") : List.of(args);
        Path tmp = Files.createTempDirectory("milbench");
        if (what.contains("speed")) {
            speed(tmp.resolve("speed"));
        }
        if (what.contains("learn")) {
            learn(tmp.resolve("learn"));
        }
        if (what.contains("openset")) {
            openSet(tmp.resolve("openset"));
        }
    }

    static void speed(Path dir) throws Exception {
        List<String> classes = SyntheticBags.classes(5);
        var train = SyntheticBags.labelled(SyntheticBags.sequences(5, 10, 12, 10, 1536, 1.0, 4, "batch_1", 1),
                classes);
        var val = SyntheticBags.labelled(SyntheticBags.sequences(5, 2, 12, 10, 1536, 1.0, 4, "batch_1", 2), classes);
        MilParameters p = MilParameters.DEFAULTS.with(Map.of("epochs", "12", "validateEvery", "4",
                "checkpointEvery", "4"));
        System.out.printf("speed: %d training bags of 12 frames x 10 patches x 1536 (N = 120), batch %d, %d epochs%n",
                train.size(), p.batchSize(), p.epochs());
        MilTrainer.Result r = new MilTrainer(p).train(new MilTrainer.TrainingData(classes, train, val), dir, rep -> {
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "  epoch %2d  %.2f s  train loss %.4f  live NDArrays %d  heap %d MB  RSS %s%n",
                    rep.epoch(), rep.seconds(), rep.trainLoss(), rep.liveArrays(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rss());
        }, Cancellation.none());
        double mean = r.history().stream().skip(2).mapToDouble(MilTrainer.EpochReport::seconds).average().orElse(0);
        System.out.printf(Locale.ROOT, "  mean epoch time (epochs 3-%d): %.2f s for %d bags = %.1f ms per bag%n",
                p.epochs(), mean, train.size(), 1000 * mean / train.size());
        try (GatedAttentionMil m = GatedAttentionMil.of(r.last())) {
            for (int frames : new int[] {12, 50, 100}) {
                var bag = SyntheticBags.labelled(SyntheticBags.sequences(5, 1, frames, 10, 1536, 1.0, 4, "b", 3),
                        classes).get(0).bag();
                for (int i = 0; i < 5; i++) {
                    m.predict(bag.instances());
                }
                int reps = 30;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    m.predict(bag.instances());
                }
                System.out.printf(Locale.ROOT, "  predict one sequence of %d frames (N = %d): %.2f ms%n", frames,
                        frames * 10, (System.nanoTime() - t0) / 1e6 / reps);
            }
        }
    }

    static void learn(Path dir) throws Exception {
        List<String> classes = SyntheticBags.classes(5);
        var train = SyntheticBags.labelled(SyntheticBags.sequences(5, 12, 10, 10, 1536, 1.0, 4, "batch_1", 11),
                classes);
        var val = SyntheticBags.labelled(SyntheticBags.sequences(5, 3, 10, 10, 1536, 1.0, 4, "batch_1", 12), classes);
        var test = SyntheticBags.labelled(SyntheticBags.sequences(5, 8, 10, 10, 1536, 1.0, 3, "batch_2", 13), classes);
        String epochs = System.getProperty("mil.bench.epochs", "60");
        for (String lr : System.getProperty("mil.bench.lr", "5e-4,5e-3").split(",")) {
            MilParameters p = MilParameters.DEFAULTS.with(Map.of("epochs", epochs, "learningRate", lr,
                    "checkpointEvery", epochs));
            long t0 = System.nanoTime();
            MilTrainer.Result r = new MilTrainer(p).train(new MilTrainer.TrainingData(classes, train, val),
                    dir.resolve("lr" + lr), MilTrainer.Listener.NONE, Cancellation.none());
            double secs = (System.nanoTime() - t0) / 1e9;
            try (GatedAttentionMil untrained = GatedAttentionMil.create(classes, 1536, 128, p.seed());
                 GatedAttentionMil best = GatedAttentionMil.of(r.best());
                 GatedAttentionMil last = GatedAttentionMil.of(r.last())) {
                MilEvaluator.Report u = MilEvaluator.evaluate(untrained, test);
                MilEvaluator.Report b = MilEvaluator.evaluate(best, test);
                MilEvaluator.Report l = MilEvaluator.evaluate(last, test);
                System.out.printf(Locale.ROOT, "learn lr=%s, %d epochs (%.0f s), 5 classes, %d train / %d val / %d"
                        + " test bags, chance 0.20:%n", lr, p.epochs(), secs, train.size(), val.size(), test.size());
                System.out.printf(Locale.ROOT, "  untrained: top1 %.3f  macroF1 %.3f  AUC %.3f%n", u.sequence().top1(),
                        u.sequence().macroF1(), u.sequence().auc());
                System.out.printf(Locale.ROOT, "  best (epoch %d, val loss %.4f): top1 %.3f  macroF1 %.3f  AUC %.3f"
                        + "  batch top1 %.3f%n", r.bestEpoch(), r.bestValidationLoss(), b.sequence().top1(),
                        b.sequence().macroF1(), b.sequence().auc(), b.batch().top1());
                System.out.printf(Locale.ROOT, "  last: top1 %.3f  macroF1 %.3f  AUC %.3f%n", l.sequence().top1(),
                        l.sequence().macroF1(), l.sequence().auc());
            }
        }
    }

    static void openSet(Path dir) throws Exception {
        int lines = 5;
        List<String> all = SyntheticBags.classes(lines);
        var trainAll = SyntheticBags.labelled(SyntheticBags.sequences(lines, 10, 8, 10, 64, 1.2, 4, "batch_1", 21), all);
        var valAll = SyntheticBags.labelled(SyntheticBags.sequences(lines, 4, 8, 10, 64, 1.2, 4, "batch_1", 22), all);
        var testAll = SyntheticBags.labelled(SyntheticBags.sequences(lines, 10, 8, 10, 64, 1.2, 3, "batch_2", 23), all);
        System.out.printf("open set: %d lines, each held out once; train on the others (64-d synthetic bags),"
                + " thresholds at the 5%% quantile of validation scores%n", lines);
        double[][] sums = new double[3][2];
        for (int held = 0; held < lines; held++) {
            List<String> known = new ArrayList<>(all);
            known.remove(held);
            var train = relabel(trainAll, all, known);
            var val = relabel(valAll, all, known);
            MilParameters p = MilParameters.DEFAULTS.with(Map.of("epochs", "40", "learningRate", "0.02",
                    "batchSize", "8", "checkpointEvery", "40", "seed", "" + held));
            MilTrainer.Result r = new MilTrainer(p).train(new MilTrainer.TrainingData(known, train, val),
                    dir.resolve("held" + held), MilTrainer.Listener.NONE, Cancellation.none());
            try (GatedAttentionMil m = GatedAttentionMil.of(r.best())) {
                int s = 0;
                for (OpenSet.Score score : OpenSet.Score.values()) {
                    OpenSet.Calibration cal = OpenSet.calibrate(m, train, val, score, 0.05);
                    int uf = 0;
                    int un = 0;
                    int kf = 0;
                    int kn = 0;
                    for (MilTrainer.LabelledBag b : testAll) {
                        boolean flagged = cal.judge(m.predict(b.bag().instances())).unknown();
                        if (b.label() == held) {
                            un++;
                            uf += flagged ? 1 : 0;
                        } else {
                            kn++;
                            kf += flagged ? 1 : 0;
                        }
                    }
                    sums[s][0] += (double) uf / un;
                    sums[s][1] += (double) kf / kn;
                    System.out.printf(Locale.ROOT, "  held out %s, %-17s unknown flagged %.2f, known flagged %.2f%n",
                            all.get(held), score, (double) uf / un, (double) kf / kn);
                    s++;
                }
            }
        }
        int s = 0;
        for (OpenSet.Score score : OpenSet.Score.values()) {
            System.out.printf(Locale.ROOT, "  mean over held-out lines, %-17s unknown flagged %.2f, known flagged"
                    + " %.2f%n", score, sums[s][0] / lines, sums[s][1] / lines);
            s++;
        }
    }

    private static List<MilTrainer.LabelledBag> relabel(List<MilTrainer.LabelledBag> bags, List<String> all,
                                                        List<String> known) {
        List<MilTrainer.LabelledBag> out = new ArrayList<>();
        for (MilTrainer.LabelledBag b : bags) {
            int k = known.indexOf(all.get(b.label()));
            if (k >= 0) {
                out.add(new MilTrainer.LabelledBag(b.bag(), k));
            }
        }
        return out;
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
