package org.clanet.workbench.mil;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The parameters of the gated-attention aggregator in PyTorch's layout ({@code Linear.weight} is
 * (out, in), row-major), with the published parameter names. Plain floats: the interchange and checkpoint
 * format, independent of any engine.
 *
 * @param classes      class (cell line) names, index = label
 * @param inputDim     L, the instance feature size (1536 for the published encoder)
 * @param attentionDim D, 128 in the published model
 */
public record MilWeights(List<String> classes, int inputDim, int attentionDim,
                         float[] attentionVWeight, float[] attentionVBias,
                         float[] attentionUWeight, float[] attentionUBias,
                         float[] attentionWeightsWeight, float[] attentionWeightsBias,
                         float[] classifierWeight, float[] classifierBias) {

    /** Published parameter names, in the order PyTorch's state_dict lists them. */
    public static final List<String> NAMES = List.of("attention_V.0.weight", "attention_V.0.bias",
            "attention_U.0.weight", "attention_U.0.bias", "attention_weights.weight", "attention_weights.bias",
            "classifier.0.weight", "classifier.0.bias");

    public static final int PUBLISHED_ATTENTION_DIM = 128;

    public MilWeights {
        classes = List.copyOf(classes);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes.size());
        }
        if (inputDim < 1 || attentionDim < 1) {
            throw new IllegalArgumentException("dimensions must be positive: L=" + inputDim + ", D=" + attentionDim);
        }
        Map<String, long[]> want = shapes(inputDim, attentionDim, classes.size());
        float[][] got = {attentionVWeight, attentionVBias, attentionUWeight, attentionUBias, attentionWeightsWeight,
            attentionWeightsBias, classifierWeight, classifierBias};
        for (int i = 0; i < NAMES.size(); i++) {
            long[] s = want.get(NAMES.get(i));
            long n = s.length == 1 ? s[0] : s[0] * s[1];
            if (got[i] == null || got[i].length != n) {
                throw new IllegalArgumentException(NAMES.get(i) + " has " + (got[i] == null ? "no" : got[i].length)
                        + " values; expected " + n + " for shape " + java.util.Arrays.toString(s));
            }
        }
    }

    public int classCount() {
        return classes.size();
    }

    /** Expected PyTorch shapes of every parameter. */
    public static Map<String, long[]> shapes(int inputDim, int attentionDim, int classes) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("attention_V.0.weight", new long[] {attentionDim, inputDim});
        m.put("attention_V.0.bias", new long[] {attentionDim});
        m.put("attention_U.0.weight", new long[] {attentionDim, inputDim});
        m.put("attention_U.0.bias", new long[] {attentionDim});
        m.put("attention_weights.weight", new long[] {1, attentionDim});
        m.put("attention_weights.bias", new long[] {1});
        m.put("classifier.0.weight", new long[] {classes, inputDim});
        m.put("classifier.0.bias", new long[] {classes});
        return m;
    }

    /** Parameters by published name (arrays shared, not copied). */
    public Map<String, float[]> named() {
        Map<String, float[]> m = new LinkedHashMap<>();
        float[][] all = {attentionVWeight, attentionVBias, attentionUWeight, attentionUBias, attentionWeightsWeight,
            attentionWeightsBias, classifierWeight, classifierBias};
        for (int i = 0; i < NAMES.size(); i++) {
            m.put(NAMES.get(i), all[i]);
        }
        return m;
    }

    /** Builds from a name → values map (shapes checked by the constructor). */
    public static MilWeights of(List<String> classes, int inputDim, int attentionDim, Map<String, float[]> p) {
        return new MilWeights(classes, inputDim, attentionDim, p.get(NAMES.get(0)), p.get(NAMES.get(1)),
                p.get(NAMES.get(2)), p.get(NAMES.get(3)), p.get(NAMES.get(4)), p.get(NAMES.get(5)),
                p.get(NAMES.get(6)), p.get(NAMES.get(7)));
    }

    /**
     * PyTorch's default {@code nn.Linear} initialisation (kaiming_uniform with a = sqrt(5) for weights and
     * U(±1/sqrt(fan_in)) for biases: both U(−1/sqrt(in), 1/sqrt(in))), from a seeded Java source.
     */
    public static MilWeights pytorchDefault(List<String> classes, int inputDim, int attentionDim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int c = classes.size();
        return new MilWeights(classes, inputDim, attentionDim,
                uniform(rng, attentionDim * inputDim, inputDim), uniform(rng, attentionDim, inputDim),
                uniform(rng, attentionDim * inputDim, inputDim), uniform(rng, attentionDim, inputDim),
                uniform(rng, attentionDim, attentionDim), uniform(rng, 1, attentionDim),
                uniform(rng, c * inputDim, inputDim), uniform(rng, c, inputDim));
    }

    private static float[] uniform(SplittableRandom rng, int n, int fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return out;
    }

    /** The classes, with another order or spelling, as a readable mismatch message; empty when equal. */
    public java.util.Optional<String> classMismatch(List<String> expected) {
        if (expected.equals(classes)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the model's classes " + classes + " differ from " + expected);
    }
}
