package org.clanet.workbench.selection;

/**
 * Small, exact re-implementations of the NumPy 1.x routines whose rounding or tie behaviour decides the published
 * result: the introsort behind {@code np.argsort} (ties!), pairwise summation behind {@code np.mean}, the uniform-bin
 * rule of {@code np.histogram} and {@code np.linspace}, and the linear interpolation of {@code np.percentile}.
 */
final class NumpyCompat {

    private NumpyCompat() {
    }

    private static final int SMALL_QUICKSORT = 15;
    private static final int PYA_QS_STACK = 128;

    /**
     * {@code np.argsort(v)} with the default kind ('quicksort' = NumPy's introsort, not stable): a port of
     * {@code aquicksort_} of numpy/core/src/npysort/quicksort.cpp (NumPy 1.17-1.25 for 64-bit integers without
     * AVX-512 dispatch). Equal values come out in the order that code produces, which is what decides which of
     * several equally large components the published code keeps.
     */
    static int[] argsort(long[] v) {
        int num = v.length;
        int[] tosort = new int[num];
        for (int i = 0; i < num; i++) {
            tosort[i] = i;
        }
        if (num < 2) {
            return tosort;
        }
        int pl = 0;
        int pr = num - 1;
        int[] stack = new int[PYA_QS_STACK];
        int sptr = 0;
        int[] depth = new int[PYA_QS_STACK];
        int psdepth = 0;
        int cdepth = msb(num) * 2;
        for (;;) {
            boolean skipInsertion = false;
            if (cdepth < 0) {
                aheapsort(v, tosort, pl, pr - pl + 1);
                skipInsertion = true;
            } else {
                while ((pr - pl) > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (v[tosort[pm]] < v[tosort[pl]]) {
                        swap(tosort, pm, pl);
                    }
                    if (v[tosort[pr]] < v[tosort[pm]]) {
                        swap(tosort, pr, pm);
                    }
                    if (v[tosort[pm]] < v[tosort[pl]]) {
                        swap(tosort, pm, pl);
                    }
                    long vp = v[tosort[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(tosort, pm, pj);
                    for (;;) {
                        do {
                            ++pi;
                        } while (v[tosort[pi]] < vp);
                        do {
                            --pj;
                        } while (vp < v[tosort[pj]]);
                        if (pi >= pj) {
                            break;
                        }
                        swap(tosort, pi, pj);
                    }
                    int pk = pr - 1;
                    swap(tosort, pi, pk);
                    if (pi - pl < pr - pi) {
                        stack[sptr++] = pi + 1;
                        stack[sptr++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sptr++] = pl;
                        stack[sptr++] = pi - 1;
                        pl = pi + 1;
                    }
                    depth[psdepth++] = --cdepth;
                }
            }
            if (!skipInsertion) {
                for (int pi = pl + 1; pi <= pr; ++pi) {
                    int vi = tosort[pi];
                    long vv = v[vi];
                    int pj = pi;
                    int pk = pi - 1;
                    while (pj > pl && vv < v[tosort[pk]]) {
                        tosort[pj--] = tosort[pk--];
                    }
                    tosort[pj] = vi;
                }
            }
            if (sptr == 0) {
                break;
            }
            pr = stack[--sptr];
            pl = stack[--sptr];
            cdepth = depth[--psdepth];
        }
        return tosort;
    }

    private static int msb(int n) {
        int depth = 0;
        while ((n >>= 1) != 0) {
            depth++;
        }
        return depth;
    }

    /** aheapsort_ of NumPy (1-based indexing on tosort[off..off+n-1]). */
    static void aheapsort(long[] v, int[] tosort, int off, int n) {
        // a = tosort - 1 + off, so a[k] == tosort[off + k - 1]
        for (int l = n >> 1; l > 0; --l) {
            siftDown(v, tosort, off, tosort[off + l - 1], l, n);
        }
        for (; n > 1;) {
            int tmp = tosort[off + n - 1];
            tosort[off + n - 1] = tosort[off];
            n -= 1;
            siftDown(v, tosort, off, tmp, 1, n);
        }
    }

    /** The sift-down loop NumPy repeats in both phases of its heapsort: places tmp below position i of n. */
    private static void siftDown(long[] v, int[] tosort, int off, int tmp, int i, int n) {
        for (int j = i << 1; j <= n;) {
            if (j < n && v[tosort[off + j - 1]] < v[tosort[off + j]]) {
                j += 1;
            }
            if (v[tmp] < v[tosort[off + j - 1]]) {
                tosort[off + i - 1] = tosort[off + j - 1];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        tosort[off + i - 1] = tmp;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** NumPy's pairwise summation ({@code pairwise_sum_DOUBLE}, block 128, 8 accumulators). */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= 128) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
        }
    }

    /** {@code np.mean} of a float64 vector. NaN when empty (NumPy warns and returns nan). */
    static double mean(double[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        return pairwiseSum(a, 0, n) / n;
    }

    /** {@code np.linspace(lo, hi, bins + 1)}. */
    static double[] linspaceEdges(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i <= bins; i++) {
            e[i] = i * step + lo;
        }
        e[bins] = hi;
        return e;
    }

    /**
     * Bin of value {@code a} in {@code np.histogram(..., bins, range=(lo, hi))}, or -1 when NumPy drops it (outside
     * the range). {@code edges} from {@link #linspaceEdges}.
     */
    static int histogramBin(double a, double lo, double hi, int bins, double[] edges) {
        if (!(a >= lo && a <= hi)) {
            return -1;
        }
        double norm = bins / (hi - lo);
        int idx = (int) ((a - lo) * norm);
        if (idx == bins) {
            idx -= 1;
        }
        if (a < edges[idx]) {
            idx -= 1;
        }
        if (idx != bins - 1 && a >= edges[idx + 1]) {
            idx += 1;
        }
        return idx;
    }

    /** Lookup table value -> bin for integer values 0..maxValue (bins over [lo, hi]); -1 where dropped. */
    static int[] histogramLut(int maxValue, double lo, double hi, int bins) {
        double[] edges = linspaceEdges(lo, hi, bins);
        int[] lut = new int[maxValue + 1];
        for (int v = 0; v <= maxValue; v++) {
            lut[v] = histogramBin(v, lo, hi, bins, edges);
        }
        return lut;
    }

    /** NumPy's {@code _lerp(a, b, t)} for the linear percentile. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        if (t >= 0.5) {
            return b - diff * (1 - t);
        }
        return a + diff * t;
    }

    /**
     * Index arithmetic of {@code np.percentile(x, q)} with the default linear method: returns {previous index,
     * next index, gamma} with gamma in the last slot as a double.
     */
    static double[] percentileIndex(long n, double q) {
        double quantile = q / 100.0;
        double virtual = (n - 1) * quantile;
        double prev = Math.floor(virtual);
        double next = prev + 1;
        if (virtual >= n - 1) {
            prev = n - 1;
            next = n - 1;
        } else if (virtual < 0) {
            prev = 0;
            next = 0;
        }
        double gamma = virtual - Math.floor(virtual);
        return new double[] {prev, next, gamma};
    }
}
