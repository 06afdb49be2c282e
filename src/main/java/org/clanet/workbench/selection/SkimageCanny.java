package org.clanet.workbench.selection;

import java.util.Arrays;

/**
 * The Canny edge detector of scikit-image 0.19 ({@code skimage.feature.canny}) on a float image, reproduced step by
 * step in plain Java because OpenCV's {@code Imgproc.Canny} differs in every step (it takes 8-bit input, uses an L1
 * or un-normalised L2 magnitude, quantises the gradient direction to 4 bins without interpolation, and its
 * thresholds are in Sobel units):
 * <ol>
 * <li>Gaussian smoothing ({@code ndi.gaussian_filter}: sigma, truncate 4, zero padding; axis 0 then axis 1),
 * divided by the smoothed all-ones image + machine epsilon (scikit-image's bleed-over correction);</li>
 * <li>Sobel derivatives ({@code ndi.sobel}, mode 'reflect');</li>
 * <li>magnitude, non-maximum suppression with the interpolated neighbours of {@code _get_local_maxima} (four
 * direction classes in scikit-image's order, a later class overwrites an earlier one; 1-pixel border excluded);</li>
 * <li>hysteresis: 8-connected segments of local maxima with magnitude &ge; low that contain a pixel &ge; high.</li>
 * </ol>
 * The filters repeat scipy's {@code correlate1d} arithmetic operation by operation (symmetric kernels: {@code
 * c*w0}, then {@code += (x[-j] + x[j]) * wj} from the outermost tap inwards; {@code [-1,0,1]}: {@code x[1] - x[-1]}),
 * so the smoothed image and both derivatives are bit-identical to scipy's float64 results; Java never contracts
 * to FMA. Rows are streamed (three rolling rows of the derivatives), so no full-size derivative image is stored.
 * Not thread-safe: one instance per thread (buffers are reused between calls of the same size).
 */
final class SkimageCanny {

    private int w;
    private int h;
    private int radius;
    private double cachedSigma = Double.NaN;
    /** fw[j]: scipy's weight at distance j from the centre. */
    private double[] fw;
    /** Input with `radius` zero rows above and below: row y of the image is row y + radius here. */
    private double[] src;
    /** The smoothed image, filled only when {@link #keepSmooth} is set (compared bit for bit with scipy by CannyDumpMain). */
    double[] smooth;
    /** Bleed-over image + eps, per distinct row (rows closer than radius to an edge differ). */
    private double[][] bleedRows;
    /** The bleed-over row shared by all interior rows (its interior columns are one constant). */
    private double[] interiorBleed;
    /**
     * Set by the caller when every input value is +0 or in [2^-64, 2]: then the smoothing's division by the
     * interior bleed-over constant may use {@link #divideByConstant}; otherwise it divides.
     */
    private boolean inputBounded;
    private double[] line;
    /**
     * The 2 radius + 1 padded input rows the vertical pass of the current row reads, each its own array indexed
     * [x] (padded row i in slot i % (2 radius + 1)): C2's SuperWord (JDK 17) vectorises a loop only when all its
     * memory references have the same alignment, which rows of one flat array at loop-invariant offsets lack.
     */
    private double[][] ring;
    /** Vertical-pass output with 8 zero doubles either side: value x at [8 + x] (aligned with the ring's [x]). */
    private double[] vline;
    /** First half of the vertical pass (see {@link #verticalA}). */
    private double[] vtmp;
    /** Three smoothed rows (y - 1, y, y + 1 of the Sobel step), each indexed [x]. */
    private double[] sPrev;
    private double[] sCur;
    private double[] sNext;
    /** Axis-0 Sobel row, indexed [x]. */
    private double[] jrow;
    private double[] irow;
    private double[] mrow;
    /** Neighbour copies of a row for the [-1, 0, 1] and [1, 2, 1] stencils: shiftL[x] = a[x - 1], shiftR[x] = a[x + 1]. */
    private double[] shiftL;
    private double[] shiftR;
    /** Whether {@link #edges} also stores the full smoothed image in {@link #smooth} (CannyDumpMain only). */
    boolean keepSmooth;
    double[] mag;
    double[] isob;
    double[] jsob;
    private double[] vdiff;
    private double[] hd0;
    private double[] hd1;
    private double[] hd2;
    private int[] stack;
    private int[] offsets;
    /** Local maxima above low, in raster order, and their count. */
    private int[] cand;
    /** Pixels of the current row above the low threshold (suppression's work list). */
    private int[] rowIdx;
    private int candidates;

    /** The padded input buffer: write image row y at offset (y + {@link #padRows()}) * width. */
    double[] input(int width, int height, double sigma) {
        ensure(width, height, sigma);
        return src;
    }

    /** Declares whether every value written into {@link #input} is +0 or in [2^-64, 2] (see {@link #smoothRow}). */
    void setInputBounded(boolean bounded) {
        inputBounded = bounded;
    }

    int padRows() {
        return radius;
    }

    private void ensure(int width, int height, double sigma) {
        if (sigma != cachedSigma || width != w || height != h) {
            int r = (int) (4.0 * sigma + 0.5);
            boolean resize = width != w || height != h || r != radius;
            w = width;
            h = height;
            radius = r;
            fw = gaussianWeights(sigma, r);
            if (resize) {
                int n = w * h;
                src = new double[(h + 2 * r) * w];
                smooth = null;
                line = new double[w + 2 * r];
                ring = new double[2 * r + 1][w];
                vline = new double[w + 16];
                vtmp = new double[w];
                sPrev = new double[w];
                sCur = new double[w];
                sNext = new double[w];
                jrow = new double[w];
                irow = new double[w];
                mrow = new double[w];
                shiftL = new double[w];
                shiftR = new double[w];
                mag = new double[n];
                isob = new double[n];
                jsob = new double[n];
                vdiff = new double[w];
                hd0 = new double[w];
                hd1 = new double[w];
                hd2 = new double[w];
                stack = new int[n];
                cand = new int[n];
                rowIdx = new int[w];
                offsets = neighbourOffsets(w);
            }
            bleedRows = bleedOver();
            cachedSigma = sigma;
        }
    }

    /**
     * {@code numpy.exp(-0.5 * x**2)} for x = 0..4 as NumPy 1.24.2 computes it on the reference machine (its AVX-512
     * exp): three of the four differ from Java's correctly rounded {@code Math.exp} by one ulp (checked in
     * SkimageCannyTest), enough to move the smoothed image by an ulp at a quarter of the pixels. With these the
     * smoothed image and the Sobel derivatives are bit-identical to scipy's on the shared images.
     */
    static final double[] NUMPY_EXP_SIGMA1 = {1.0, 0x1.368b2fc6f960ap-1, 0x1.152aaa3bf81cbp-3,
        0x1.6c0504695c418p-7, 0x1.5fc21041027acp-12};

    /** scipy.ndimage._gaussian_kernel1d(sigma, 0, radius), indexed by distance from the centre. */
    private static double[] gaussianWeights(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        if (sigma == 0) {
            k[radius] = 1;
        } else {
            double s2 = sigma * sigma;
            for (int x = -radius; x <= radius; x++) {
                k[x + radius] = Math.exp(-0.5 / s2 * x * x);
            }
            if (sigma == 1.0 && radius == NUMPY_EXP_SIGMA1.length - 1) {
                for (int x = -radius; x <= radius; x++) {
                    k[x + radius] = NUMPY_EXP_SIGMA1[Math.abs(x)];
                }
            }
        }
        double sum = NumpyCompat.pairwiseSum(k, 0, k.length); // phi_x.sum()
        double[] out = new double[radius + 1];
        for (int j = 0; j <= radius; j++) {
            out[j] = k[radius + j] / sum;
        }
        return out;
    }

    /**
     * gaussian(ones) + eps as scipy computes it: the vertical pass of an all-ones image depends on the row only,
     * so there are at most 2 radius + 1 distinct rows.
     */
    private double[][] bleedOver() {
        int r = radius;
        double[][] rows = new double[h][];
        double[] interior = null;
        double[] col = new double[h + 2 * r];
        Arrays.fill(col, r, r + h, 1.0);
        double[] ones = new double[w];
        for (int y = 0; y < h; y++) {
            boolean edge = y < r || y >= h - r;
            if (!edge && interior != null) {
                rows[y] = interior;
                continue;
            }
            double v = tap(col, y + r, 1);
            Arrays.fill(ones, v);
            double[] out = new double[w];
            horizontal(ones, 0, out, 0);
            for (int x = 0; x < w; x++) {
                out[x] += Math.ulp(1.0); // np.finfo(float).eps
            }
            rows[y] = out;
            if (!edge) {
                interior = out;
            }
        }
        interiorBleed = interior;
        return rows;
    }

    /** scipy's symmetric correlate1d at index c of a with the given stride. */
    private double tap(double[] a, int c, int stride) {
        double s = a[c] * fw[0];
        for (int j = radius; j >= 1; j--) {
            s += (a[c - j * stride] + a[c + j * stride]) * fw[j];
        }
        return s;
    }

    /** Axis-1 Gaussian of one row (zero padding) into out[off..off+w). */
    private void horizontal(double[] in, int inOff, double[] out, int outOff) {
        System.arraycopy(in, inOff, line, radius, w);
        horizontalFromLine(out, outOff);
    }

    /** Axis-1 Gaussian of the row held in line[radius..radius+w) (its pads stay 0) into out[off..off+w). */
    private void horizontalFromLine(double[] out, int outOff) {
        final int r = radius;
        final double[] l = line;
        final double[] k = fw;
        if (r == 4) {
            final double k0 = k[0];
            final double k1 = k[1];
            final double k2 = k[2];
            final double k3 = k[3];
            final double k4 = k[4];
            for (int x = 0; x < w; x++) {
                double s = l[x + 4] * k0;
                s += (l[x] + l[x + 8]) * k4;
                s += (l[x + 1] + l[x + 7]) * k3;
                s += (l[x + 2] + l[x + 6]) * k2;
                s += (l[x + 3] + l[x + 5]) * k1;
                out[outOff + x] = s;
            }
        } else {
            for (int x = 0; x < w; x++) {
                out[outOff + x] = tap(l, x + r, 1);
            }
        }
    }

    /**
     * First half of the axis-0 pass of radius 4: t = c*w0 + (x[-4] + x[4])*w4 + (x[-3] + x[3])*w3, per element in
     * scipy's order. The pass is split in two loops over row arrays all indexed [x] because C2 (JDK 17) unrolls a
     * loop with a variable trip count only while its body is small, and SuperWord needs the unrolled body: the
     * single nine-row loop ran scalar (≈ 1.8 ms a frame), the two halves are vectorised (≈ 1.1 ms).
     */
    private static void verticalA(int W, double[] r4, double[] r0, double[] r8, double[] r1, double[] r7,
            double[] t, double k0, double k4, double k3) {
        for (int x = 0; x < W; x++) {
            double v = r4[x] * k0;
            v += (r0[x] + r8[x]) * k4;
            v += (r1[x] + r7[x]) * k3;
            t[x] = v;
        }
    }

    /** Second half: vl[8 + x] = t + (x[-2] + x[2])*w2 + (x[-1] + x[1])*w1. */
    private static void verticalB(int W, double[] t, double[] r2, double[] r6, double[] r3, double[] r5,
            double[] vl, double k2, double k1) {
        for (int x = 0; x < W; x++) {
            double v = t[x];
            v += (r2[x] + r6[x]) * k2;
            v += (r3[x] + r5[x]) * k1;
            vl[x + 8] = v;
        }
    }

    /** Axis-1 pass of radius 4 of the row held in vl[8 .. 8 + W) (zero pads of 8) into out[0..W). */
    private static void horizontal9(double[] vl, double[] out, int W, double k0, double k1, double k2, double k3,
            double k4) {
        for (int x = 0; x < W; x++) {
            double s = vl[x + 8] * k0;
            s += (vl[x + 4] + vl[x + 12]) * k4;
            s += (vl[x + 5] + vl[x + 11]) * k3;
            s += (vl[x + 6] + vl[x + 10]) * k2;
            s += (vl[x + 7] + vl[x + 9]) * k1;
            out[x] = s;
        }
    }

    private double[] smooth() {
        if (smooth == null || smooth.length != w * h) {
            smooth = new double[w * h];
        }
        return smooth;
    }

    /** Loads padded input row i into its ring slot (radius 4 only). */
    private void feedRing(int i) {
        System.arraycopy(src, i * w, ring[i % 9], 0, w);
    }

    /**
     * Axis-0 Gaussian of image row y (zero padding), then axis 1, then ÷ bleed-over, into out[0..w). Same operations
     * in the same order per pixel as scipy; only the loop shapes differ between the radius-4 and the general path.
     */
    private void smoothRow(int y, double[] out) {
        final int W = w;
        final int r = radius;
        if (r == 4) {
            feedRing(y + 8);
            final double[][] rg = ring;
            final double[] r0 = rg[y % 9];
            final double[] r1 = rg[(y + 1) % 9];
            final double[] r2 = rg[(y + 2) % 9];
            final double[] r3 = rg[(y + 3) % 9];
            final double[] r4 = rg[(y + 4) % 9];
            final double[] r5 = rg[(y + 5) % 9];
            final double[] r6 = rg[(y + 6) % 9];
            final double[] r7 = rg[(y + 7) % 9];
            final double[] r8 = rg[(y + 8) % 9];
            verticalA(W, r4, r0, r8, r1, r7, vtmp, fw[0], fw[4], fw[3]);
            verticalB(W, vtmp, r2, r6, r3, r5, vline, fw[2], fw[1]);
            horizontal9(vline, out, W, fw[0], fw[1], fw[2], fw[3], fw[4]);
        } else {
            final double[] s = src;
            final double[] l = line;
            final int c = (y + r) * W;
            for (int x = 0; x < W; x++) {
                l[r + x] = tap(s, c + x, W);
            }
            horizontalFromLine(out, 0);
        }
        final double[] b = bleedRows[y];
        if (inputBounded && b == interiorBleed && W > 2 * r) {
            for (int x = 0; x < r; x++) {
                out[x] /= b[x];
            }
            divideByConstant(out, r, W - r, b[r], 1.0 / b[r]);
            for (int x = W - r; x < W; x++) {
                out[x] /= b[x];
            }
        } else {
            for (int x = 0; x < W; x++) {
                out[x] /= b[x];
            }
        }
    }

    /**
     * a[i] = a[i] / d for i in [from, to), bit-identical to the division, with one multiplication and four FMAs
     * (which C2 vectorises; it does not vectorise the division, which costs ≈ 1.6 ms a frame).
     * <p>
     * Interior rows and columns of scikit-image's bleed-over image are one constant d (the smoothed all-ones image
     * is the same sum of weights there), so the division is by a constant with reciprocal y = RN(1/d). q0 =
     * RN(a y) is within 1.5 ulp of a/b; one Newton step q1 = RN(q0 + RN(a - d q0) y) makes it faithful (within 1
     * ulp); a second step is Markstein's correction, which returns RN(a/d) exactly when y = RN(1/d) and q1 is
     * within 1 ulp (Markstein 1990; Muller et al., Handbook of Floating-Point Arithmetic, §4.7), provided nothing
     * overflows or underflows. That holds here: callers set {@link #inputBounded} only when every input value is
     * +0 or in [2^-64, 2], so every smoothed value is +0 or in (2^-200, 4) and d ≈ 1. Checked against the plain
     * division in FastPathsTest and, end to end, by ReferenceAgreementTest.
     */
    static void divideByConstant(double[] a, int from, int to, double d, double y) {
        final double nd = -d;
        for (int i = from; i < to; i++) {
            double v = a[i];
            double q = v * y;
            q = Math.fma(Math.fma(nd, q, v), y, q);
            q = Math.fma(Math.fma(nd, q, v), y, q);
            a[i] = q;
        }
    }

    /**
     * [-1, 0, 1] along the row s[0..w) (mode reflect: x[-1] = x[0], x[w] = x[w-1]). The stencil's references
     * s[x + 1] and s[x - 1] differ in alignment, which keeps C2 (JDK 17) from vectorising the loop, so the two
     * neighbours are first copied into arrays indexed [x] (two System.arraycopy, cheap) and the subtraction runs
     * vectorised; each element is the same single subtraction.
     */
    private void rowDiff(double[] s, double[] out) {
        final int W = w;
        if (W == 1) {
            out[0] = 0.0;
            return;
        }
        out[0] = s[1] - s[0];
        if (W > 2) {
            final double[] lo = shiftL; // lo[x] = s[x - 1]
            final double[] hi = shiftR; // hi[x] = s[x + 1]
            System.arraycopy(s, 0, lo, 1, W - 2);
            System.arraycopy(s, 2, hi, 1, W - 2);
            diff(out, hi, lo, 1, W - 1);
        }
        out[W - 1] = s[W - 1] - s[W - 2];
    }

    private static void diff(double[] out, double[] a, double[] b, int from, int to) {
        for (int x = from; x < to; x++) {
            out[x] = a[x] - b[x];
        }
    }

    /** scipy's [1, 2, 1] smoothing along the row of v (mode reflect) into out[0..w), per element v*2 + (l + r). */
    private void rowSmooth(double[] v, double[] out) {
        final int W = w;
        if (W == 1) {
            out[0] = v[0] * 2.0 + (v[0] + v[0]);
            return;
        }
        out[0] = v[0] * 2.0 + (v[0] + v[1]);
        if (W > 2) {
            final double[] lo = shiftL;
            final double[] hi = shiftR;
            System.arraycopy(v, 0, lo, 1, W - 2);
            System.arraycopy(v, 2, hi, 1, W - 2);
            for (int x = 1; x < W - 1; x++) {
                double i = v[x] * 2.0;
                i += lo[x] + hi[x];
                out[x] = i;
            }
        }
        out[W - 1] = v[W - 1] * 2.0 + (v[W - 2] + v[W - 1]);
    }

    private static void magnitude(double[] a, double[] b, double[] out, int W) {
        for (int x = 0; x < W; x++) {
            double i = a[x];
            double j = b[x];
            out[x] = Math.sqrt(i * i + j * j);
        }
    }

    /**
     * @param low    low threshold on the magnitude
     * @param high   high threshold
     * @param edges  output, w*h bytes, 1 = edge
     */
    void edges(int width, int height, double sigma, double low, double high, byte[] edges) {
        ensure(width, height, sigma);
        final int W = w;
        Arrays.fill(edges, (byte) 0);
        candidates = 0;
        Profile.subStart();
        // One streaming pass: smoothed row y + 1, derivatives and magnitude of row y, suppression of row y - 1,
        // so every row is reused while still in cache.
        if (radius == 4) {
            for (int i = 0; i < 8; i++) {
                feedRing(i);
            }
        }
        double[] sp0 = sPrev;
        double[] sc0 = sCur;
        double[] sn0 = sNext;
        smoothRow(0, sc0);
        if (keepSmooth) {
            System.arraycopy(sc0, 0, smooth(), 0, W);
        }
        double[] hPrev = hd0;
        double[] hCur = hd1;
        double[] hNext = hd2;
        rowDiff(sc0, hCur);
        final double[] v = vdiff;
        final double[] jr = jrow;
        final double[] ir = irow;
        final double[] mr = mrow;
        long tSmooth = 0;
        long tSobel = 0;
        long tNms = 0;
        for (int y = 0; y < h; y++) {
            long t0 = Profile.now(); // row-level split of canny:stream (free when profiling is off)
            if (y + 1 < h) {
                smoothRow(y + 1, sn0);
                if (keepSmooth) {
                    System.arraycopy(sn0, 0, smooth(), (y + 1) * W, W);
                }
                rowDiff(sn0, hNext);
            } else {
                System.arraycopy(hCur, 0, hNext, 0, W); // reflect
            }
            long t1 = Profile.now();
            tSmooth += t1 - t0;
            double[] up = y > 0 ? hPrev : hCur; // reflect
            int o = y * W;
            final double[] sm = y > 0 ? sp0 : sc0;
            final double[] sp = y < h - 1 ? sn0 : sc0;
            for (int x = 0; x < W; x++) {
                v[x] = sp[x] - sm[x];
            }
            for (int x = 0; x < W; x++) {
                double j = hCur[x] * 2.0;
                j += up[x] + hNext[x];
                jr[x] = j;
            }
            System.arraycopy(jr, 0, jsob, o, W);
            if (W == 1) {
                isob[o] = v[0] * 2.0 + (v[0] + v[0]);
            } else {
                isob[o] = v[0] * 2.0 + (v[0] + v[1]);
                for (int x = 1; x < W - 1; x++) {
                    double i = v[x] * 2.0;
                    i += v[x - 1] + v[x + 1];
                    isob[o + x] = i;
                }
                isob[o + W - 1] = v[W - 1] * 2.0 + (v[W - 2] + v[W - 1]);
            }
            for (int x = 0; x < W; x++) {
                double a = isob[o + x];
                double b = jsob[o + x];
                mag[o + x] = Math.sqrt(a * a + b * b);
            }
            long t2 = Profile.now();
            tSobel += t2 - t1;
            if (y >= 2) {
                suppressRow(y - 1, low, high, edges);
            }
            tNms += Profile.now() - t2;
            double[] t = hPrev;
            hPrev = hCur;
            hCur = hNext;
            hNext = t;
            t = sp0;
            sp0 = sc0;
            sc0 = sn0;
            sn0 = t;
        }
        Profile.subLap(13);
        Profile.add(15, tSmooth);
        Profile.add(16, tSobel);
        Profile.add(17, tNms);
        hysteresis(edges);
        Profile.subLap(14);
    }

    /**
     * Non-maximum suppression of row r (1 &le; r &le; h - 2). edges: 1 = local max &ge; low (candidate), 2 = local
     * max &ge; high; candidates are listed in {@link #cand}.
     * <p>
     * Written without a single data-dependent branch: the gradient direction and the outcomes are as good as random
     * from pixel to pixel, and C2 compiles the obvious comparisons and ternaries to branches that mispredict about
     * half the time (that was 3/4 of the suppression's time). The pixels that pass the low threshold (about a third)
     * are first gathered into an index list with a conditional increment; each is then tested with integer
     * arithmetic on the IEEE bit patterns. That is exact because every value compared is a finite double &ge; +0
     * (magnitudes are square roots, |i| and |j| absolute values, the interpolations sums of products of those and
     * of w, 1 - w in [0, 1], no NaN since a magnitude &gt; 0 excludes i = j = 0), and for such doubles the order
     * of the bit patterns as longs is the numeric order. The weight w is the same division skimage performs, so
     * the interpolated values are bit-identical.
     */
    private void suppressRow(int r, double low, double high, byte[] edges) {
        final int W = w;
        final double[] m = mag;
        final int row = r * W;
        final int[] idx = rowIdx;
        // mm > 0 and mm >= low  <=>  bits(mm) >= max(bits(low), 1)   (low >= 0; + 0.0 turns -0.0 into +0.0)
        final long lowBits = Math.max(Double.doubleToRawLongBits(low + 0.0), 1L);
        int n = 0;
        for (int c = 1; c < W - 1; c++) {
            idx[n] = row + c;
            n += (int) ((lowBits - 1 - Double.doubleToRawLongBits(m[row + c])) >>> 63);
        }
        final long highBits = Double.doubleToRawLongBits(high + 0.0);
        final double[] is = isob;
        final double[] js = jsob;
        final int[] off = offsets;
        final int[] cl = cand;
        int nc = candidates;
        for (int k = 0; k < n; k++) {
            int p = idx[k];
            long ib = Double.doubleToRawLongBits(is[p]);
            long jb = Double.doubleToRawLongBits(js[p]);
            long aib = ib & Long.MAX_VALUE; // |i|
            long ajb = jb & Long.MAX_VALUE; // |j|
            // skimage's four direction classes are applied in the order 0-45, 45-90, 90-135, 135-180 and a later
            // class overwrites an earlier one, so the class that decides is the last that matches: 135-180
            // (opposite signs, |i| >= |j|), else 90-135 (opposite signs), else 45-90 (same signs, |i| <= |j|),
            // else 0-45. "Opposite signs" is skimage's (i <= 0 & j >= 0) | (i >= 0 & j <= 0), which holds when
            // the sign bits differ or either is +-0.
            int opp = (int) ((aib - 1) >>> 63) | (int) ((ajb - 1) >>> 63) | (int) ((ib ^ jb) >>> 63);
            int iGeJ = 1 - (int) ((aib - ajb) >>> 63);
            int iLeJ = 1 - (int) ((ajb - aib) >>> 63);
            int cls = opp * (2 + iGeJ) + (1 - opp) * iLeJ;
            // classes 0 and 3 interpolate with w = |j| / |i|, classes 1 and 2 with |i| / |j|
            long jOverI = -(long) ((0b1001 >> cls) & 1);
            double wgt = Double.longBitsToDouble((ajb & jOverI) | (aib & ~jOverI))
                    / Double.longBitsToDouble((aib & jOverI) | (ajb & ~jOverI));
            int o = cls * 4;
            double cPlus = m[p + off[o]] * wgt + m[p + off[o + 1]] * (1 - wgt);
            double cMinus = m[p + off[o + 2]] * wgt + m[p + off[o + 3]] * (1 - wgt);
            long mb = Double.doubleToRawLongBits(m[p]);
            // c_plus <= m & c_minus <= m; m >= high
            int isMax = (1 - (int) ((mb - Double.doubleToRawLongBits(cPlus)) >>> 63))
                    & (1 - (int) ((mb - Double.doubleToRawLongBits(cMinus)) >>> 63));
            int strong = 1 - (int) ((mb - highBits) >>> 63);
            edges[p] = (byte) (isMax * (1 + strong));
            cl[nc] = p;
            nc += isMax;
        }
        candidates = nc;
    }

    /** Per class: offsets of c2 and c1 for c_plus, then c2 and c1 for c_minus (skimage's slices). */
    private static int[] neighbourOffsets(int W) {
        return new int[] {
            W + 1, W, -W - 1, -W,         // 0-45
            W + 1, 1, -W - 1, -1,         // 45-90
            -W + 1, 1, W - 1, -1,         // 90-135
            -W + 1, -W, W - 1, W,         // 135-180
        };
    }

    /** Grows from strong pixels through 8-connected candidates; leaves 1 = edge, 0 = none. */
    private void hysteresis(byte[] edges) {
        final int W = w;
        int sp = 0;
        for (int k = 0; k < candidates; k++) {
            int p = cand[k];
            if (edges[p] != 2) {
                continue;
            }
            edges[p] = 3;
            stack[sp++] = p;
            while (sp > 0) {
                int q = stack[--sp];
                int qr = q / W;
                int qc = q - qr * W;
                // candidates never lie on the 1-pixel frame, so all 8 neighbours exist
                for (int dr = -1; dr <= 1; dr++) {
                    int rb = (qr + dr) * W + qc;
                    for (int dc = -1; dc <= 1; dc++) {
                        int t = rb + dc;
                        byte e = edges[t];
                        if (e == 1 || e == 2) {
                            edges[t] = 3;
                            stack[sp++] = t;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < candidates; k++) {
            int p = cand[k];
            edges[p] = (byte) (edges[p] == 3 ? 1 : 0);
        }
    }

    void release() {
        src = null;
        smooth = null;
        mag = null;
        isob = null;
        jsob = null;
        w = 0;
        h = 0;
        cachedSigma = Double.NaN;
    }
}
