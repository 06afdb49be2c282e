package org.clanet.workbench.mil;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every MIL training hyper-parameter, named and overridable; the defaults are the published ones
 * (train_TSS_MIL.py, Cell_Sampling_new.py) except where a fix says otherwise.
 *
 * @param epochs             published 2000 (100 × 20 repeats)
 * @param batchSize          bags per minibatch (one SGD step each); published 32
 * @param learningRate       constant SGD learning rate; published 5e-4
 * @param momentum           published 0.9
 * @param weightDecay        on all parameters; published 5e-4
 * @param attentionDim       D of the gated attention; published 128
 * @param patchesPerFrame    the k most confluent patches per frame; published 10 (frames with fewer are skipped)
 * @param minFrames          sequences with fewer usable frames are left out; published 3
 * @param warmupEpochs       first epochs on whole sequences (fix of the published swap); 5
 * @param validateEvery      validation every N epochs (and after the last); published 5
 * @param checkpointEvery    checkpoint every N epochs (and at cancel and at the end)
 * @param validationFraction share of each line's training-batch sequences held out for validation (fix)
 * @param seed               one seed for initialisation, sampling, shuffling and the split
 * @param instanceLossWeight weight of an added instance-level loss: the classifier applied to every instance of a bag
 *                           with the bag's label (mean cross-entropy over the instances, × the bag's weight); 0 as
 *                           published. The model and its file stay the published ones (docs/MIL.md, "Deviations")
 * @param standardiseFeatures 1: train on features standardised per dimension with the training instances' mean and
 *                           sd, then fold that scaling into the first layers, so the saved model takes raw features
 *                           in the published format; 0 as published
 * @param settlingHours      frames taken fewer than this many hours after seeding are left out of every bag (training,
 *                           evaluation, prediction), while the cells are still settling and every line looks alike;
 *                           a sequence keeps at least its last minFrames usable frames; 0 as published
 */
public record MilParameters(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
                            int attentionDim, int patchesPerFrame, int minFrames, int warmupEpochs,
                            int validateEvery, int checkpointEvery, double validationFraction, long seed,
                            double instanceLossWeight, int standardiseFeatures, int settlingHours) {

    /** The published hyper-parameters with this app's fixes (validation, warm-up, and the three below). */
    public static final MilParameters DEFAULTS = new MilParameters(2000, 32, 5e-4, 0.9, 5e-4, 128, 10, 3, 5, 5, 25,
            0.2, 0, 100, 1, 24);

    /** As published where the published code works: no instance loss, raw features, every frame. */
    public static MilParameters published() {
        return DEFAULTS.with("instanceLossWeight", "0").with("standardiseFeatures", "0").with("settlingHours", "0");
    }

    public MilParameters {
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("attentionDim", attentionDim);
        positive("patchesPerFrame", patchesPerFrame);
        positive("minFrames", minFrames);
        positive("validateEvery", validateEvery);
        positive("checkpointEvery", checkpointEvery);
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be >= 0, got " + warmupEpochs);
        }
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learningRate > 0, 0 <= momentum < 1, weightDecay >= 0; got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (!(instanceLossWeight >= 0) || Double.isInfinite(instanceLossWeight)) {
            throw new IllegalArgumentException("instanceLossWeight must be >= 0, got " + instanceLossWeight);
        }
        if (standardiseFeatures != 0 && standardiseFeatures != 1) {
            throw new IllegalArgumentException("standardiseFeatures must be 0 or 1, got " + standardiseFeatures);
        }
        if (settlingHours < 0) {
            throw new IllegalArgumentException("settlingHours must be >= 0, got " + settlingHours);
        }
        if (minFrames < 2) {
            throw new IllegalArgumentException("minFrames must be >= 2 (segment sampling needs a gap), got "
                    + minFrames);
        }
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** Name → value, in declaration order (for run records and {@code --param} help). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : MilParameters.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    /**
     * A copy with one parameter changed. Names are matched ignoring case, '-' and '_'
     * ({@code learning-rate}, {@code learning_rate}, {@code learningRate}); {@code lr} and {@code bs} are aliases.
     */
    public MilParameters with(String name, String value) {
        String key = canonical(name);
        Map<String, Object> m = asMap();
        Object[] args = new Object[m.size()];
        int i = 0;
        boolean found = false;
        for (RecordComponent c : MilParameters.class.getRecordComponents()) {
            Object v = m.get(c.getName());
            if (canonical(c.getName()).equals(key)) {
                found = true;
                v = parse(c.getName(), c.getType(), value);
            }
            args[i++] = v;
        }
        if (!found) {
            throw new IllegalArgumentException("unknown MIL parameter '" + name + "'; known: " + m.keySet());
        }
        try {
            Class<?>[] types = java.util.Arrays.stream(MilParameters.class.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new);
            return MilParameters.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies {@code k=v} overrides in order. */
    public MilParameters with(Map<String, String> overrides) {
        MilParameters p = this;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    private static String canonical(String name) {
        String k = name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return switch (k) {
            case "lr" -> "learningrate";
            case "bs" -> "batchsize";
            case "wd" -> "weightdecay";
            default -> k;
        };
    }

    private static Object parse(String name, Class<?> type, String value) {
        try {
            if (type == int.class) {
                return Integer.parseInt(value.strip());
            }
            if (type == long.class) {
                return Long.parseLong(value.strip());
            }
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a " + type.getSimpleName() + ", got '" + value + "'");
        }
    }
}
