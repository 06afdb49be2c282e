package org.clanet.workbench.mil;

import java.util.Arrays;
import java.util.List;

/**
 * "None of these lines" (beyond the published method): every prediction gets two open-set scores, the
 * maximum class probability and the distance (1 − cosine similarity) of its bag vector M to the nearest
 * training class's mean bag vector. The probability threshold is the {@code quantile} of the known-class validation
 * sequences' max probabilities. The distance threshold lies halfway between two calibrations: the 1 − {@code quantile}
 * of the validation sequences' distances (how far a known line lies, in the training batch) and the {@code quantile}
 * of the training sequences' distances to the nearest <em>other</em> class (how far a line the model had not seen
 * would lie, if it were as different as the known lines are from each other). The validation sequences alone come
 * from the training batches, so sequences of other batches, shifted by their imaging conditions, crossed that
 * threshold in about half the cases (docs/MIL.md, "Open set"). The verdict uses the chosen {@link Score}.
 */
public final class OpenSet {

    /** Which score decides the verdict. */
    public enum Score { MAX_PROBABILITY, CENTROID_DISTANCE, EITHER }

    public static final double DEFAULT_QUANTILE = 0.05;
    /** Where the distance threshold lies between the validation calibration (0) and the other-class one (1). */
    public static final double OTHER_CLASS_WEIGHT = 0.5;

    private OpenSet() {
    }

    /**
     * @param centroids mean bag vector per class over the training bags (whole sequences)
     */
    public record Calibration(Score score, double quantile, double probabilityThreshold, double distanceThreshold,
                              float[][] centroids, int calibrationBags) {

        public Verdict judge(MilOutput out) {
            double dist = nearestDistance(out.bagVector(), centroids);
            double p = out.maxProbability();
            boolean lowP = p < probabilityThreshold;
            boolean far = dist > distanceThreshold;
            boolean unknown = switch (score) {
                case MAX_PROBABILITY -> lowP;
                case CENTROID_DISTANCE -> far;
                case EITHER -> lowP || far;
            };
            String reason = !unknown ? "" : (lowP && (score != Score.CENTROID_DISTANCE)
                    ? String.format(java.util.Locale.ROOT, "max probability %.3f below %.3f", p, probabilityThreshold)
                    : String.format(java.util.Locale.ROOT, "bag vector %.3f from the nearest class, beyond %.3f",
                    dist, distanceThreshold));
            return new Verdict(unknown, p, dist, reason);
        }
    }

    /** @param reason why it is unknown, empty when known */
    public record Verdict(boolean unknown, double maxProbability, double distance, String reason) {
    }

    public static Calibration calibrate(MilModel model, List<MilTrainer.LabelledBag> training,
                                        List<MilTrainer.LabelledBag> validation, Score score, double quantile) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("open-set calibration needs validation sequences of known lines");
        }
        if (!(quantile > 0 && quantile < 0.5)) {
            throw new IllegalArgumentException("quantile must be in (0, 0.5), got " + quantile);
        }
        int c = model.classes().size();
        float[][] centroids = new float[c][model.inputDim()];
        int[] counts = new int[c];
        float[][] trainingVectors = new float[training.size()][];
        for (int t = 0; t < training.size(); t++) {
            MilTrainer.LabelledBag b = training.get(t);
            float[] m = model.predict(b.bag().instances()).bagVector();
            trainingVectors[t] = m;
            for (int i = 0; i < m.length; i++) {
                centroids[b.label()][i] += m[i];
            }
            counts[b.label()]++;
        }
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < centroids[k].length && counts[k] > 0; i++) {
                centroids[k][i] /= counts[k];
            }
        }
        float[][] present = java.util.stream.IntStream.range(0, c).filter(k -> counts[k] > 0)
                .mapToObj(k -> centroids[k]).toArray(float[][]::new);
        double[] probs = new double[validation.size()];
        double[] dists = new double[validation.size()];
        for (int i = 0; i < validation.size(); i++) {
            MilOutput out = model.predict(validation.get(i).bag().instances());
            probs[i] = out.maxProbability();
            dists[i] = nearestDistance(out.bagVector(), present);
        }
        double validationThreshold = quantile(dists, 1 - quantile);
        double[] others = otherClassDistances(training, trainingVectors, centroids, counts);
        double distanceThreshold = others.length == 0 ? validationThreshold : validationThreshold
                + OTHER_CLASS_WEIGHT * Math.max(0, quantile(others, quantile) - validationThreshold);
        return new Calibration(score, quantile, quantile(probs, quantile), distanceThreshold, present,
                validation.size());
    }

    /** Each training sequence's distance to the nearest centroid of another class (none with a single class). */
    private static double[] otherClassDistances(List<MilTrainer.LabelledBag> training, float[][] vectors,
                                                float[][] centroids, int[] counts) {
        double[] out = new double[training.size()];
        int n = 0;
        for (int t = 0; t < training.size(); t++) {
            int own = training.get(t).label();
            float[][] otherCentroids = java.util.stream.IntStream.range(0, centroids.length)
                    .filter(k -> k != own && counts[k] > 0).mapToObj(k -> centroids[k]).toArray(float[][]::new);
            if (otherCentroids.length > 0) {
                out[n++] = nearestDistance(vectors[t], otherCentroids);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Linear-interpolated quantile (NumPy's default). */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    static double nearestDistance(float[] v, float[][] centroids) {
        double best = Double.POSITIVE_INFINITY;
        for (float[] c : centroids) {
            double dot = 0;
            double nv = 0;
            double nc = 0;
            for (int i = 0; i < v.length; i++) {
                dot += (double) v[i] * c[i];
                nv += (double) v[i] * v[i];
                nc += (double) c[i] * c[i];
            }
            double cos = nv == 0 || nc == 0 ? 0 : dot / Math.sqrt(nv * nc);
            best = Math.min(best, 1 - cos);
        }
        return best;
    }
}
