package org.clanet.workbench.mil;

import java.util.List;
import java.util.Map;

/**
 * Per-dimension standardisation of instance features, x' = (x − mean) / sd, with the mean and sd of every training
 * instance. Training runs on x'; {@link #fold} then moves the scaling into the three layers that read x (V, U and
 * the classifier: the bag vector is an attention-weighted mean, and the weights sum to 1), so the saved model
 * takes raw features, in the published format, and gives the same outputs.
 */
record FeatureScaling(float[] mean, float[] sd) {

    /** No scaling (the published training). */
    static FeatureScaling identity(int dim) {
        float[] mean = new float[dim];
        float[] sd = new float[dim];
        java.util.Arrays.fill(sd, 1f);
        return new FeatureScaling(mean, sd);
    }

    /** Mean and sd over every instance of the bags; a constant dimension keeps sd 1. */
    static FeatureScaling fit(List<MilTrainer.LabelledBag> bags, int dim) {
        double[] sum = new double[dim];
        double[] sq = new double[dim];
        long n = 0;
        for (MilTrainer.LabelledBag b : bags) {
            for (float[] x : b.bag().instances()) {
                for (int i = 0; i < dim; i++) {
                    sum[i] += x[i];
                    sq[i] += (double) x[i] * x[i];
                }
                n++;
            }
        }
        float[] mean = new float[dim];
        float[] sd = new float[dim];
        for (int i = 0; i < dim; i++) {
            double m = sum[i] / n;
            double v = Math.max(0, sq[i] / n - m * m);
            mean[i] = (float) m;
            sd[i] = v > 1e-12 ? (float) Math.sqrt(v) : 1f;
        }
        return new FeatureScaling(mean, sd);
    }

    float[][] apply(float[][] instances) {
        float[][] out = new float[instances.length][];
        for (int r = 0; r < instances.length; r++) {
            float[] x = instances[r];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = (x[i] - mean[i]) / sd[i];
            }
            out[r] = y;
        }
        return out;
    }

    /** The bags with standardised instances (same sequences, frames, times and labels). */
    List<MilTrainer.LabelledBag> apply(List<MilTrainer.LabelledBag> bags) {
        List<MilTrainer.LabelledBag> out = new java.util.ArrayList<>(bags.size());
        for (MilTrainer.LabelledBag lb : bags) {
            org.clanet.workbench.mil.bag.Bag b = lb.bag();
            out.add(new MilTrainer.LabelledBag(new org.clanet.workbench.mil.bag.Bag(b.sequenceId(), b.line(), b.batch(),
                    b.frames(), b.hours(), b.patchesPerFrame(), apply(b.instances())), lb.label()));
        }
        return out;
    }

    /** Weights for raw inputs equivalent to {@code w} on scaled ones: W' = W / sd (per input), b' = b − W' mean. */
    MilWeights fold(MilWeights w) {
        Map<String, float[]> p = new java.util.LinkedHashMap<>(w.named());
        for (String layer : List.of("attention_V.0", "attention_U.0", "classifier.0")) {
            float[] weight = p.get(layer + ".weight").clone();
            float[] bias = p.get(layer + ".bias").clone();
            int in = w.inputDim();
            for (int o = 0; o < bias.length; o++) {
                double shift = 0;
                for (int i = 0; i < in; i++) {
                    float scaled = weight[o * in + i] / sd[i];
                    weight[o * in + i] = scaled;
                    shift += (double) scaled * mean[i];
                }
                bias[o] = (float) (bias[o] - shift);
            }
            p.put(layer + ".weight", weight);
            p.put(layer + ".bias", bias);
        }
        return MilWeights.of(w.classes(), w.inputDim(), w.attentionDim(), p);
    }
}
