package org.clanet.workbench.embedding;

import java.util.Arrays;

/**
 * Classical multi-scale texture statistics of a gray patch: the features of the built-in {@link TextureEncoder}.
 * The patch is standardised by its own mean and sd (floor 0.01, as the cpu preset's ViT input). Then, in this order:
 * <ol>
 *   <li>(0..15) at Gaussian scales sigma = 1, 2, 4 and 8 px, the mean and sd of the scale-normalised gradient
 *   magnitude (sigma x |grad G * z|) and the sd and mean absolute value of the scale-normalised Laplacian of Gaussian
 *   (sigma^2 x LoG * z), as ilastik's and scipy.ndimage's filters compute them (Gaussian derivative kernels truncated
 *   at 4 sigma, mirrored edges);</li>
 *   <li>(16..22) the 1, 5, 25, 50, 75, 95 and 99th percentiles of the standardised values (numpy's linear
 *   interpolation) — these 23 are version 1 of the statistics;</li>
 *   <li>(23..46) per scale, the 10, 50 and 90th percentiles of that gradient magnitude and the 5, 50 and 95th of that
 *   Laplacian;</li>
 *   <li>(47..58) per scale, the orientation coherence of the structure tensor (derivatives at sigma, smoothed at
 *   2 sigma): sqrt((Jxx - Jyy)^2 + 4 Jxy^2) / (Jxx + Jyy), its mean, its mean weighted by Jxx + Jyy, and its sd.
 *   Coherence says how much the texture runs in one direction (spindles, processes) and does not change with
 *   contrast or slight defocus, which differ between imaging batches.</li>
 * </ol>
 * Each value is finally put in units of its spread over phase-contrast patches ({@link #CENTRE}, {@link #SPREAD}),
 * so that each weighs about alike in the MIL's linear layers even when the MIL does not standardise its inputs.
 *
 * <p>Why: a 4-block ViT pretrained for half an hour on a CPU does not learn what tells lines apart across imaging
 * batches (cell size, granularity, orientation, the spread of gray values); these numbers do (docs/BENCHMARKS.md,
 * "Texture statistics"). Groups 3 and 4 were chosen on a generated data set of its own (seed 7), not on the sets
 * the benchmarks report.
 * Parity with scipy: {@code TextureStatisticsTest} against {@code tools/embedding/make_texture_reference.py}.
 */
public final class TextureStatistics {

    /** Number of statistics per patch. */
    public static final int DIM = 59;
    /** Number of statistics of version 1 (the first 23; older workspaces' texture encoders compute only these). */
    public static final int V1_DIM = 23;

    static final double[] SIGMAS = {1, 2, 4, 8};
    static final double[] PERCENTILES = {1, 5, 25, 50, 75, 95, 99};
    static final double[] GRADIENT_PERCENTILES = {10, 50, 90};
    static final double[] LAPLACIAN_PERCENTILES = {5, 50, 95};
    private static final double SD_FLOOR = 0.01;

    /**
     * Mean and sd of each raw statistic over the committed sample data's selected patches (1,904 patches,
     * {@code tools/embedding/make_texture_reference.py --constants}), rounded; the mean of LIVECell's real patches lies within
     * three spreads of these centres.
     */
    static final double[] CENTRE = {0.29, 0.33, 0.50, 0.31, 0.22, 0.23, 0.40, 0.26, 0.14, 0.14, 0.27, 0.17, 0.096,
        0.070, 0.15, 0.10, -3.1, -1.7, -0.35, 0.060, 0.43, 1.5, 2.6,
        0.048, 0.17, 0.73, -0.80, 0.0010, 0.81, 0.033, 0.13, 0.53, -0.65, 0.0032, 0.67,
        0.023, 0.095, 0.34, -0.42, 0.0013, 0.46, 0.030, 0.076, 0.19, -0.23, -0.0011, 0.26,
        0.46, 0.53, 0.23, 0.41, 0.44, 0.22, 0.41, 0.40, 0.18, 0.46, 0.44, 0.17};
    static final double[] SPREAD = {0.037, 0.037, 0.032, 0.042, 0.030, 0.044, 0.034, 0.032, 0.030, 0.040, 0.058,
        0.040, 0.022, 0.021, 0.038, 0.027, 0.57, 0.27, 0.17, 0.058, 0.12, 0.21, 0.33,
        0.024, 0.065, 0.13, 0.11, 0.0074, 0.14, 0.015, 0.044, 0.12, 0.11, 0.0086, 0.13,
        0.010, 0.034, 0.097, 0.10, 0.0062, 0.15, 0.021, 0.028, 0.044, 0.058, 0.0075, 0.089,
        0.070, 0.10, 0.030, 0.075, 0.12, 0.029, 0.081, 0.11, 0.022, 0.17, 0.16, 0.046};

    private TextureStatistics() {
    }

    /** The {@link #DIM} statistics of a side x side patch, in units of {@link #SPREAD} around {@link #CENTRE}. */
    public static float[] of(float[] patch, int side) {
        return of(patch, side, DIM);
    }

    /** The first {@code dim} statistics ({@link #V1_DIM} or {@link #DIM}), in the units of {@link #of(float[], int)}. */
    public static float[] of(float[] patch, int side, int dim) {
        if (dim != V1_DIM && dim != DIM) {
            throw new IllegalArgumentException("texture statistics come in " + V1_DIM + " or " + DIM + ", not " + dim);
        }
        double[] raw = raw(patch, side);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
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
        int pk = V1_DIM;
        int ck = V1_DIM + SIGMAS.length * 6;
        for (double s : SIGMAS) {
            double[] g0 = kernel(s, 0);
            double[] g1 = kernel(s, 1);
            double[] g2 = kernel(s, 2);
            double[] dx = separable(z, side, g1, g0);
            double[] dy = separable(z, side, g0, g1);
            double[] lap = separable(z, side, g2, g0);
            double[] lapY = separable(z, side, g0, g2);
            double[] mag = new double[z.length];
            double[] jxx = new double[z.length];
            double[] jyy = new double[z.length];
            double[] jxy = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                mag[i] = s * Math.hypot(dx[i], dy[i]);
                lap[i] = s * s * (lap[i] + lapY[i]);
                jxx[i] = dx[i] * dx[i];
                jyy[i] = dy[i] * dy[i];
                jxy[i] = dx[i] * dy[i];
            }
            out[k++] = mean(mag);
            out[k++] = sd(mag);
            out[k++] = sd(lap);
            out[k++] = meanAbs(lap);
            Arrays.sort(mag);
            Arrays.sort(lap);
            for (double q : GRADIENT_PERCENTILES) {
                out[pk++] = percentile(mag, q);
            }
            for (double q : LAPLACIAN_PERCENTILES) {
                out[pk++] = percentile(lap, q);
            }
            double[] w = kernel(2 * s, 0);
            coherence(separable(jxx, side, w, w), separable(jyy, side, w, w), separable(jxy, side, w, w), out, ck);
            ck += 3;
        }
        double[] sorted = z.clone();
        Arrays.sort(sorted);
        for (double q : PERCENTILES) {
            out[k++] = percentile(sorted, q);
        }
        return out;
    }

    /** Mean, energy-weighted mean and sd of the structure tensor's coherence, into out[at..at+2]. */
    private static void coherence(double[] jxx, double[] jyy, double[] jxy, double[] out, int at) {
        double[] coh = new double[jxx.length];
        double weighted = 0;
        double energy = 0;
        for (int i = 0; i < coh.length; i++) {
            double trace = jxx[i] + jyy[i];
            double d = jxx[i] - jyy[i];
            coh[i] = Math.sqrt(d * d + 4 * jxy[i] * jxy[i]) / (trace + 1e-9); // 0 on a flat patch
            weighted += coh[i] * trace;
            energy += trace;
        }
        out[at] = mean(coh);
        out[at + 1] = weighted / (energy + 1e-12);
        out[at + 2] = sd(coh);
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
        double[] line = new double[side + 2 * rx];
        for (int y = 0; y < side; y++) {
            for (int j = 0; j < line.length; j++) {
                line[j] = img[y * side + reflect(j - rx, side)];
            }
            convolveLine(line, kx, tmp, y * side, 1, side);
        }
        double[] out = new double[img.length];
        int ry = ky.length / 2;
        double[] column = new double[side + 2 * ry];
        for (int x = 0; x < side; x++) {
            for (int j = 0; j < column.length; j++) {
                column[j] = tmp[reflect(j - ry, side) * side + x];
            }
            convolveLine(column, ky, out, x, side, side);
        }
        return out;
    }

    /** out[at + x * stride] = sum_i k[r + i] * padded[x - i + r], in the order i = -r..r (as scipy sums). */
    private static void convolveLine(double[] padded, double[] k, double[] out, int at, int stride, int n) {
        int r = k.length / 2;
        for (int x = 0; x < n; x++) {
            double acc = 0;
            int centre = x + r;
            for (int i = -r; i <= r; i++) {
                acc += k[r + i] * padded[centre - i];
            }
            out[at + x * stride] = acc;
        }
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
