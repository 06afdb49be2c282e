package org.clanet.workbench.selection;

import org.clanet.workbench.imaging.GrayImage;

/**
 * METHOD.md §1: the binary cell mask of one image, as the published {@code generate_binary_masks.py} computes it
 * with scikit-image 0.19 / SciPy, including its integer-code arithmetic for 8/16-bit gray images. Not thread-safe
 * (buffers are reused between images of the same size): one instance per worker thread.
 */
final class MaskGenerator {

    /** What the mask stage found, besides the mask. */
    record Outcome(boolean integerCodes, boolean inverted, int iterations, String note) {
    }

    final SkimageCanny canny = new SkimageCanny();
    private BinaryOps ops;
    /** Canny's padded float input (skimage's img_as_float image), image row y at cin[coff + y * w]. */
    private double[] cin;
    private int coff;
    private byte[] t;
    private byte[] e;
    private byte[] c;
    private byte[] tmp;
    private byte[] prev;
    private int[] codes;

    private void ensure(int w, int h) {
        if (ops == null || ops.width() != w || ops.height() != h) {
            if (ops != null) {
                ops.release();
            }
            ops = new BinaryOps(w, h);
            int n = w * h;
            t = new byte[n];
            e = new byte[n];
            c = new byte[n];
            tmp = new byte[n];
            prev = new byte[n];
            codes = new int[n];
        }
    }

    BinaryOps ops() {
        return ops;
    }

    /**
     * The integer code round(v * max) of every pixel into {@link #codes}. With {@code check}: whether scikit-image
     * would see integer codes, i.e. every value is an exact code v/max (skimage.io.imread(as_gray=True) keeps a
     * gray 8/16-bit file as uint8/uint16; RGB files and resized images become float64).
     */
    private boolean toCodes(GrayImage img, boolean check) {
        // float32 holds k/max to within max * 2^-24 codes (0.004 for 16 bit)
        double tol = img.sourceBits() == 8 ? 1e-3 : 0.02;
        return (check && codesFast(img, tol, codes)) || codesExact(img, check, tol, codes);
    }

    /** The reference test, one rint and three comparisons per pixel; stops at the first value that fails. */
    static boolean codesExact(GrayImage img, boolean check, double tol, int[] out) {
        int max = img.sourceMax();
        float[] px = img.pixels();
        for (int i = 0; i < px.length; i++) {
            double code = px[i] * (double) max;
            double r = Math.rint(code);
            if (check && (Math.abs(code - r) > tol || r < 0 || r > max)) {
                return false;
            }
            out[i] = (int) Math.max(0, Math.min(max, r));
        }
        return true;
    }

    /**
     * The same test and codes without a branch per pixel; true only where {@link #codesExact} would pass (on false
     * the caller repeats the exact test, so an image that fails costs both). Conditions:
     * <ul>
     * <li>every value lies in [+0, 1]: its float bits as an int lie in [0, bits(1f)] (negative values, -0, NaN and
     * infinities fall outside), so code = v * max lies in [0, max] and the rounded code in [0, max];</li>
     * <li>adding 1.5 * 2^52 rounds code to an integer in round-half-even, as Math.rint does (|code| &lt; 2^51),
     * and leaves that integer in the low bits of the sum;</li>
     * <li>|code - rint(code)| &le; tol, compared as bit patterns (both finite and &ge; 0, where the order of the
     * patterns is the numeric order).</li>
     * </ul>
     */
    static boolean codesFast(GrayImage img, double tol, int[] out) {
        final double dmax = img.sourceMax();
        final double magic = 0x1.8p52;
        final float[] px = img.pixels();
        int minBits = 0;
        int maxBits = 0;
        long dev = 0;
        for (int i = 0; i < px.length; i++) {
            float v = px[i];
            int fb = Float.floatToRawIntBits(v);
            minBits = Math.min(minBits, fb);
            maxBits = Math.max(maxBits, fb);
            double code = v * dmax;
            double shifted = code + magic;
            out[i] = (int) Double.doubleToRawLongBits(shifted);
            dev = Math.max(dev, Double.doubleToRawLongBits(code - (shifted - magic)) & Long.MAX_VALUE);
        }
        return minBits >= 0 && maxBits <= Float.floatToRawIntBits(1f) && dev <= Double.doubleToRawLongBits(tol);
    }

    /** The integer codes of the last image on the integer path (valid until the next call). */
    int[] codes() {
        return codes;
    }

    /**
     * @param mask output, w*h bytes, 1 = cell
     */
    Outcome mask(GrayImage img, SelectionParameters p, byte[] mask) {
        int w = img.width();
        int h = img.height();
        int n = w * h;
        ensure(w, h);
        Profile.start();
        long tCodes = Profile.now();
        boolean intSource = img.sourceBits() == 8 || img.sourceBits() == 16;
        boolean integer = switch (p.grayCodes()) {
            case "integer" -> intSource;
            case "float" -> false;
            default -> intSource && toCodes(img, true);
        };
        if (integer && !"auto".equals(p.grayCodes())) {
            toCodes(img, false);
        }
        Profile.add(18, Profile.now() - tCodes);
        String note = null;
        cin = canny.input(w, h, p.cannySigma());
        coff = canny.padRows() * w;
        // §1.1 contrast stretch, §1.2 Otsu threshold; `cin` receives Canny's float input
        if (integer) {
            note = stretchIntegers(img, p);
        } else {
            note = stretchFloats(img, p);
        }
        Profile.lap(0);
        // §1.3 Canny; integer codes give inputs code / max, i.e. +0 or in [2^-16, 1 + ulp]
        canny.setInputBounded(integer);
        canny.edges(w, h, p.cannySigma(), p.cannyLow(), p.cannyHigh(), e);
        Profile.lap(1);
        // §1.4 polarity
        int diff = Swar.countDiff(e, t, n);
        boolean inverted = (double) diff / n >= p.polarityThreshold();
        if (inverted) {
            Swar.invert(t, n);
        }
        // §1.5 close, fill, iterate
        ops.close(t, c);
        ops.close(e, tmp);
        Swar.or(c, tmp, n);
        Profile.lap(2);
        ops.fillHoles(c, mask, p.fillSize());
        Profile.lap(3);
        int iterations = 0;
        for (int it = 0; it < p.maxIterations(); it++) {
            System.arraycopy(mask, 0, prev, 0, n);
            ops.close(prev, tmp);
            Swar.or(tmp, c, n);
            ops.fillHoles(tmp, mask, p.fillSize());
            iterations++;
            int changed = Swar.countDiff(mask, prev, n);
            if ((double) changed / n < p.tolerance()) {
                break;
            }
        }
        Profile.lap(4);
        // §1.6 small holes, then small objects
        ops.removeSmall(mask, p.minHoleArea(), true);
        ops.removeSmall(mask, p.minObjectArea(), false);
        Profile.lap(5);
        return new Outcome(integer, inverted, iterations, note);
    }

    /** uint8/uint16 arithmetic of np.percentile, rescale_intensity, threshold_otsu and img_as_float. */
    private String stretchIntegers(GrayImage img, SelectionParameters p) {
        int n = img.width() * img.height();
        int max = img.sourceMax();
        float[] px = img.pixels();
        long tHist = Profile.now();
        long[] hist = new long[max + 1];
        for (int i = 0; i < n; i++) {
            hist[codes[i]]++;
        }
        Profile.add(19, Profile.now() - tHist);
        double lo = percentileFromHistogram(hist, n, p.percentileLow());
        double hi = percentileFromHistogram(hist, n, p.percentileHigh());
        // rescale_intensity(im, in_range=(lo, hi)), out_range 'dtype' -> (0, max), cast back to the dtype
        int[] lut = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            double x = Math.min(Math.max(v, lo), hi); // np.clip
            double y;
            if (lo != hi) {
                y = (x - lo) / (hi - lo) * max + 0.0;
            } else {
                y = Math.min(Math.max(x, 0), max);
            }
            lut[v] = (int) y; // astype(uint8/uint16) truncates
        }
        // histogram of the stretched codes = the code histogram pushed through the table
        long[] sh = new long[max + 1];
        int smin = Integer.MAX_VALUE;
        int smax = Integer.MIN_VALUE;
        for (int v = 0; v <= max; v++) {
            if (hist[v] != 0) {
                int s = lut[v];
                sh[s] += hist[v];
                smin = Math.min(smin, s);
                smax = Math.max(smax, s);
            }
        }
        double thr;
        if (smin == smax) {
            thr = lut[codes[0]];
        } else {
            int nb = smax - smin + 1;
            double[] counts = new double[nb];
            double[] centers = new double[nb];
            for (int k = 0; k < nb; k++) {
                counts[k] = sh[smin + k];
                centers[k] = smin + k;
            }
            thr = otsu(counts, centers);
        }
        // per code: threshold bit and img_as_float value (code * (1 / max), as skimage multiplies)
        double inv = 1.0 / max;
        byte[] bit = new byte[max + 1];
        double[] val = new double[max + 1];
        for (int v = 0; v <= max; v++) {
            int s = lut[v];
            bit[v] = (byte) (s > thr ? 1 : 0);
            val[v] = s * inv;
        }
        long tWrite = Profile.now();
        final double[] ci = cin;
        final int off = coff;
        for (int i = 0; i < n; i++) {
            int v = codes[i];
            t[i] = bit[v];
            ci[off + i] = val[v];
        }
        Profile.add(20, Profile.now() - tWrite);
        return lo == hi ? "blank frame: the " + p.percentileLow() + " and " + p.percentileHigh()
                + " percentiles are equal" : null;
    }

    private static double percentileFromHistogram(long[] hist, long n, double q) {
        double[] pi = NumpyCompat.percentileIndex(n, q);
        double a = kth(hist, (long) pi[0]);
        double b = kth(hist, (long) pi[1]);
        return NumpyCompat.lerp(a, b, pi[2]);
    }

    /** The k-th smallest (0-based) value of a histogram of integer codes. */
    private static int kth(long[] hist, long k) {
        long cum = 0;
        for (int v = 0; v < hist.length; v++) {
            cum += hist[v];
            if (cum > k) {
                return v;
            }
        }
        return hist.length - 1;
    }

    /** float64 arithmetic (the GrayImage floats stand for scikit-image's float64 image). */
    private String stretchFloats(GrayImage img, SelectionParameters p) {
        int n = img.width() * img.height();
        float[] px = img.pixels();
        double[] pl = NumpyCompat.percentileIndex(n, p.percentileLow());
        double[] ph = NumpyCompat.percentileIndex(n, p.percentileHigh());
        float[] sorted = OrderStatistics.select(px, new long[] {(long) pl[0], (long) pl[1], (long) ph[0],
                (long) ph[1]});
        double lo = NumpyCompat.lerp(sorted[0], sorted[1], pl[2]);
        double hi = NumpyCompat.lerp(sorted[2], sorted[3], ph[2]);
        double smin = Double.POSITIVE_INFINITY;
        double smax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = Math.min(Math.max(px[i], lo), hi);
            double y;
            if (lo != hi) {
                y = (x - lo) / (hi - lo) * 1.0 + 0.0;
            } else {
                y = Math.min(Math.max(x, 0), 1);
            }
            cin[coff + i] = y;
            smin = Math.min(smin, y);
            smax = Math.max(smax, y);
        }
        double thr;
        if (smin == smax) {
            thr = cin[coff];
        } else {
            int bins = 256;
            double[] edges = NumpyCompat.linspaceEdges(smin, smax, bins);
            double[] counts = new double[bins];
            for (int i = 0; i < n; i++) {
                int b = NumpyCompat.histogramBin(cin[coff + i], smin, smax, bins, edges);
                if (b >= 0) {
                    counts[b]++;
                }
            }
            double[] centers = new double[bins];
            for (int k = 0; k < bins; k++) {
                centers[k] = (edges[k] + edges[k + 1]) / 2.;
            }
            thr = otsu(counts, centers);
        }
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (cin[coff + i] > thr ? 1 : 0);
        }
        return lo == hi ? "blank frame: the " + p.percentileLow() + " and " + p.percentileHigh()
                + " percentiles are equal" : null;
    }

    /** skimage.filters.threshold_otsu on a histogram (counts as float64, bin centres). */
    static double otsu(double[] counts, double[] centers) {
        int nb = counts.length;
        double[] w1 = new double[nb];
        double[] w2 = new double[nb];
        double[] m1 = new double[nb];
        double[] m2 = new double[nb];
        double cw = 0;
        double cm = 0;
        for (int k = 0; k < nb; k++) {
            cw += counts[k];
            cm += counts[k] * centers[k];
            w1[k] = cw;
            m1[k] = cm / cw;
        }
        cw = 0;
        cm = 0;
        for (int k = nb - 1; k >= 0; k--) {
            cw += counts[k];
            cm += counts[k] * centers[k];
            w2[k] = cw;
            m2[k] = cm / cw;
        }
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nb - 1; k++) {
            double d = m1[k] - m2[k + 1];
            double v = w1[k] * w2[k + 1] * (d * d);
            if (v > bestV) { // np.argmax: first maximum
                bestV = v;
                best = k;
            }
        }
        return centers[best];
    }

    void release() {
        canny.release();
        if (ops != null) {
            ops.release();
            ops = null;
        }
    }
}
