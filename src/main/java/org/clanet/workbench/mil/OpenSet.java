package org.clanet.workbench.mil;

import java.util.Arrays;
import java.util.List;

/**
 * "None of these lines" (beyond the published method): every prediction gets two open-set scores, the
 * maximum class probability and the distance (1 − cosine similarity) of its bag vector M to the nearest
 * training class's mean bag vector. Thresholds are calibrated on known-class validation sequences: the
 * {@code quantile} of their max probabilities and the 1 − {@code quantile} of their distances, so about that
 * share of known sequences is flagged by construction. The verdict uses the chosen {@link Score}.
 */
public final class OpenSet {

    /** Which score decides the verdict. */
    public enum Score { MAX_PROBABILITY, CENTROID_DISTANCE, EITHER }

    public static final double DEFAULT_QUANTILE = 0.05;

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
        for (MilTrainer.LabelledBag b : training) {
            float[] m = model.predict(b.bag().instances()).bagVector();
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
        return new Calibration(score, quantile, quantile(probs, quantile), quantile(dists, 1 - quantile), present,
                validation.size());
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
