package org.clanet.workbench.embedding;

import java.util.Arrays;

/**
 * Classical multi-scale texture statistics of a gray patch: the features of the built-in {@link TextureEncoder}.
 * The patch is standardised by its own mean and sd (floor 0.01, as the cpu preset's ViT input); then, at Gaussian scales sigma = 1, 2, 4 and 8 px, the
 * mean and sd of the scale-normalised gradient magnitude (sigma x |grad G * z|) and the sd and mean absolute value
 * of the scale-normalised Laplacian of Gaussian (sigma^2 x LoG * z), as ilastik's and scipy.ndimage's filters
 * compute them (Gaussian derivative kernels truncated at 4 sigma, mirrored edges); then the 1, 5, 25, 50, 75, 95
 * and 99th percentiles of the standardised values (numpy's linear interpolation). Each of the 23 values is finally
 * put in units of its spread over phase-contrast patches ({@link #CENTRE}, {@link #SPREAD}), so that each weighs
 * about alike in the MIL's linear layers even when the MIL does not standardise its inputs (as published).
 *
 * <p>Why: a 4-block ViT pretrained for half an hour on a CPU does not learn what tells lines apart across imaging
 * batches (cell size, granularity, the spread of gray values); these 23 numbers do (docs/BENCHMARKS.md,
 * "Texture statistics").
 * Parity with scipy: {@code TextureStatisticsTest} against {@code tools/embedding/make_texture_reference.py}.
 */
public final class TextureStatistics {

    /** Number of statistics per patch. */
    public static final int DIM = 23;

    static final double[] SIGMAS = {1, 2, 4, 8};
    static final double[] PERCENTILES = {1, 5, 25, 50, 75, 95, 99};
    private static final double SD_FLOOR = 0.01;

    /**
     * Mean and sd of each raw statistic over the committed sample data's selected patches (1,904 patches,
     * {@code tools/embedding/make_texture_reference.py --constants}), rounded; the mean of LIVECell's real patches lies within
     * three spreads of these centres.
     */
    static final double[] CENTRE = {0.29, 0.33, 0.50, 0.31, 0.22, 0.23, 0.40, 0.26, 0.14, 0.14, 0.27, 0.17, 0.096,
        0.070, 0.15, 0.10, -3.1, -1.7, -0.35, 0.060, 0.43, 1.5, 2.6};
    static final double[] SPREAD = {0.037, 0.037, 0.032, 0.042, 0.030, 0.044, 0.034, 0.032, 0.030, 0.040, 0.058,
        0.040, 0.022, 0.021, 0.038, 0.027, 0.57, 0.27, 0.17, 0.058, 0.12, 0.21, 0.33};

    private TextureStatistics() {
    }

    /** The 23 statistics of a side x side patch, in units of {@link #SPREAD} around {@link #CENTRE}. */
    public static float[] of(float[] patch, int side) {
        double[] raw = raw(patch, side);
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = (float) ((raw[i] - CENTRE[i]) / SPREAD[i]);
        }
        return out;
    }

    /** The statistics before the final change of units (what scipy gives; for the parity test). */
    static double[] raw(float[] patch, int side) {
        if (patch.length != side * side) {
            throw new IllegalArgumentException("patch has " + patch.length + " values, expected " + side + "x" + side);
        }
        double[] z = standardised(patch);
        double[] out = new double[DIM];
        int k = 0;
        for (double s : SIGMAS) {
            double[] g0 = kernel(s, 0);
            double[] g1 = kernel(s, 1);
            double[] g2 = kernel(s, 2);
            double[] dx = separable(z, side, g1, g0);
            double[] dy = separable(z, side, g0, g1);
            double[] lap = separable(z, side, g2, g0);
            double[] lapY = separable(z, side, g0, g2);
            double[] mag = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                mag[i] = s * Math.hypot(dx[i], dy[i]);
                lap[i] = s * s * (lap[i] + lapY[i]);
            }
            out[k++] = mean(mag);
            out[k++] = sd(mag);
            out[k++] = sd(lap);
            out[k++] = meanAbs(lap);
        }
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        for (double q : PERCENTILES) {
            out[k++] = percentile(sorted, q);
        }
        return out;
    }

    private static double[] standardised(float[] patch) {
        double m = 0;
        for (float v : patch) {
            m += v;
        }
        m /= patch.length;
        double ss = 0;
        for (float v : patch) {
            ss += (v - m) * (v - m);
        }
        double sd = Math.max(Math.sqrt(ss / patch.length), SD_FLOOR);
        double[] z = new double[patch.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (patch[i] - m) / sd;
        }
        return z;
    }

    /** scipy.ndimage's Gaussian derivative kernel of the given order, radius int(4 sigma + 0.5), as convolved. */
    static double[] kernel(double sigma, int order) {
        int r = (int) (4 * sigma + 0.5);
        double[] phi = new double[2 * r + 1];
        double total = 0;
        for (int x = -r; x <= r; x++) {
            phi[x + r] = Math.exp(-0.5 * x * x / (sigma * sigma));
            total += phi[x + r];
        }
        double s2 = sigma * sigma;
        double[] k = new double[phi.length];
        for (int x = -r; x <= r; x++) {
            double g = phi[x + r] / total;
            k[x + r] = switch (order) {
                case 0 -> g;
                case 1 -> -x / s2 * g;
                case 2 -> (x * x / (s2 * s2) - 1 / s2) * g;
                default -> throw new IllegalArgumentException("order " + order);
            };
        }
        return k;
    }

    /** Convolution along x with kx, then along y with ky; edges mirrored as scipy's 'reflect' (d c b a | a b c d). */
    private static double[] separable(double[] img, int side, double[] kx, double[] ky) {
        double[] tmp = new double[img.length];
        int rx = kx.length / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double acc = 0;
                for (int i = -rx; i <= rx; i++) {
                    acc += kx[rx + i] * img[y * side + reflect(x - i, side)];
                }
                tmp[y * side + x] = acc;
            }
        }
        double[] out = new double[img.length];
        int ry = ky.length / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double acc = 0;
                for (int i = -ry; i <= ry; i++) {
                    acc += ky[ry + i] * tmp[reflect(y - i, side) * side + x];
                }
                out[y * side + x] = acc;
            }
        }
        return out;
    }

    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double meanAbs(double[] v) {
        double s = 0;
        for (double x : v) {
            s += Math.abs(x);
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** numpy.percentile's default (linear) on sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
