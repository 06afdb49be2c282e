package org.clanet.workbench.mil;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.bag.FrameFeatures;
import org.clanet.workbench.mil.bag.SequenceFeatures;

/**
 * Synthetic MIL data standing in for patch embeddings: class c shifts dims [3c, 3c+3) by {@code signal} in a
 * random 40% of the instances (the rest is N(0, 1) noise for every class), so only some instances carry the
 * class, as with cell patches. Frames every {@code stepHours} h (± 1 h jitter) from a random start.
 */
public final class SyntheticBags {

    private SyntheticBags() {
    }

    public static List<String> classes(int n) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.add("Line" + (char) ('A' + i));
        }
        return c;
    }

    public static List<SequenceFeatures> sequences(int classes, int perClass, int frames, int patches, int dim,
                                                   double signal, int stepHours, String batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<SequenceFeatures> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < perClass; s++) {
                List<FrameFeatures> fs = new ArrayList<>();
                int t = 2 + rng.nextInt(6);
                for (int f = 0; f < frames; f++) {
                    float[][] p = new float[patches][dim];
                    for (int k = 0; k < patches; k++) {
                        boolean carries = rng.nextDouble() < 0.4;
                        for (int d = 0; d < dim; d++) {
                            double v = gaussian(rng);
                            if (carries && d >= 3 * c && d < 3 * c + 3) {
                                v += signal;
                            }
                            p[k][d] = (float) v;
                        }
                    }
                    fs.add(new FrameFeatures("L" + c + "/" + batch + "/S" + s + "_" + f + ".png", t, p));
                    t += Math.max(1, stepHours + rng.nextInt(3) - 1);
                }
                String line = classes(classes).get(c);
                out.add(new SequenceFeatures(line + "/" + batch + "/S" + s, line, batch, fs));
            }
        }
        return out;
    }

    public static List<MilTrainer.LabelledBag> labelled(List<SequenceFeatures> seqs, List<String> classes) {
        List<MilTrainer.LabelledBag> out = new ArrayList<>();
        for (Bag b : Bags.build(seqs, 10, 3).bags()) {
            out.add(new MilTrainer.LabelledBag(b, classes.indexOf(b.line())));
        }
        return out;
    }

    static double gaussian(SplittableRandom rng) {
        double u = Math.max(rng.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** Accuracy of a model on labelled bags (whole sequences). */
    public static double accuracy(MilModel model, List<MilTrainer.LabelledBag> bags) {
        int ok = 0;
        for (MilTrainer.LabelledBag b : bags) {
            ok += model.predict(b.bag().instances()).top() == b.label() ? 1 : 0;
        }
        return (double) ok / bags.size();
    }
}
