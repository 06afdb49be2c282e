package org.clanet.workbench.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * METHOD.md §2: cell cluster-level selection, as the published {@code cell_cluster_selection.py} computes it
 * (component ranking with NumPy's argsort, bounding boxes, tiling, box correction, LBP texture histograms, the
 * overlap filter with its pair order and tie rule, the stable confluency sort). Not thread-safe: one instance per
 * worker thread.
 */
final class ClusterSelector {

    /** Neighbour offsets of skimage's local_binary_pattern(P=8, R=1): np.round(-sin, 5), np.round(cos, 5). */
    private static final double D = 70711 / 100000.0;
    private static final double[] RP = {-0.0, -D, -1, -D, -0.0, D, 1, D};
    private static final double[] CP = {1, D, 0, -D, -1, -D, -0.0, D};

    private int w;
    private int h;
    private int[] rowCount;
    private int[] rowXSum;
    private double[][] rowA;
    private double[][] hp;
    private double[][] hm;
    private int[] ivU;
    private int[] ivI;
    private short[] lbp;
    private double[] drPlus;
    private double[] drMinus;
    private double[] dcPlus;
    private double[] dcMinus;

    int lastCandidates;
    int lastComponents;

    private void ensure(int width, int height) {
        if (rowCount == null || width != w || height != h) {
            w = width;
            h = height;
            int n = w * h;
            rowCount = new int[(w + 1) * h];
            rowXSum = new int[(w + 1) * h];
            rowA = null;
            lbp = new short[n];
            drPlus = new double[h];
            drMinus = new double[h];
            dcPlus = new double[w];
            dcMinus = new double[w];
            for (int r = 0; r < h; r++) {
                double a = r + D;
                drPlus[r] = a - Math.floor(a);
                double b = r - D;
                drMinus[r] = b - Math.floor(b);
            }
            for (int c = 0; c < w; c++) {
                double a = c + D;
                dcPlus[c] = a - Math.floor(a);
                double b = c - D;
                dcMinus[c] = b - Math.floor(b);
            }
        }
    }

    /** One candidate box (exclusive max) and its features. */
    private static final class Cand {
        int minX;
        int minY;
        int maxX;
        int maxY;
        double confluency;
        int[] histC;
        int[] histT;
        int len;
    }

    /**
     * @param mask  0/1 mask
     * @param pixels the float pixels: the gray image the published code sees on the float path
     * @param codes  when not null (integer path), the integer code of every pixel: the image the published code
     *               sees, and the 25-bin intensity histogram is taken over them; with floats in [0,1] that
     *               histogram is constant (the published defect)
     */
    List<Patch> select(byte[] mask, int width, int height, float[] pixels, int[] codes, int maxCode,
                       SelectionParameters p, BinaryOps ops) {
        ensure(width, height);
        final int W = w;
        final int ps = p.patchSize();
        lastCandidates = 0;
        // §2.1 components, ranked by pixel count including the background label
        int[][] st = ops.labelRaster(mask);
        Profile.lap(6);
        int nl = st.length;
        lastComponents = nl - 1;
        if (nl <= 1) {
            return List.of();
        }
        long[] counts = new long[nl];
        long fg = 0;
        for (int L = 1; L < nl; L++) {
            counts[L] = st[L][0];
            fg += st[L][0];
        }
        counts[0] = (long) W * h - fg;
        int[] order = NumpyCompat.argsort(counts);
        boolean[] keep = new boolean[nl];
        for (int k = 0; k < Math.min(p.bbNumLimit(), nl); k++) {
            keep[order[nl - 1 - k]] = true;
        }
        keep[0] = false;
        // prefix sums per row for box counts and centres of mass
        for (int y = 0; y < h; y++) {
            int base = y * (W + 1);
            int row = y * W;
            int cnt = 0;
            int xs = 0;
            rowCount[base] = 0;
            rowXSum[base] = 0;
            for (int x = 0; x < W; x++) {
                if (mask[row + x] != 0) {
                    cnt++;
                    xs += x;
                }
                rowCount[base + x + 1] = cnt;
                rowXSum[base + x + 1] = xs;
            }
        }
        // §2.2 candidates: kept components in label order (= raster order of first pixel), then tiles
        List<Cand> cands = new ArrayList<>();
        List<Cand> tiles = new ArrayList<>();
        double tileLimit = p.tileFactor() * ps * ps;
        for (int L = 1; L < nl; L++) {
            if (!keep[L]) {
                continue;
            }
            int[] s = st[L];
            Cand c = new Cand();
            c.minX = s[1];
            c.minY = s[2];
            c.maxX = s[3];
            c.maxY = s[4];
            cands.add(c);
            int x = c.minX;
            int y = c.minY;
            int bw = c.maxX - c.minX;
            int bh = c.maxY - c.minY;
            if (boxCount(x, y, c.maxX, c.maxY) > tileLimit) {
                int wt = (int) Math.ceil((double) bw / ps);
                int ht = (int) Math.ceil((double) bh / ps);
                for (int i = 0; i < ht; i++) {
                    int ny = clampStart(ps * i + y, ps, h);
                    for (int j = 0; j < wt; j++) {
                        int nx = clampStart(ps * j + x, ps, W);
                        Cand t = new Cand();
                        t.minX = nx;
                        t.minY = ny;
                        t.maxX = nx + ps;
                        t.maxY = ny + ps;
                        tiles.add(t);
                    }
                }
            }
        }
        cands.addAll(tiles);
        Profile.lap(7);
        lastCandidates = cands.size();
        // §2.3 box correction, §2.4 features
        Profile.subStart();
        int[] lutC = NumpyCompat.histogramLut(Math.max(maxCode, 255), 0.0, 255.0, p.intensityBins());
        int[] lutT = NumpyCompat.histogramLut(255, 0.0, 255.0, p.textureBins());
        int nc0 = cands.size();
        int[] bx = new int[4 * nc0]; // clipped boxes x0, y0, x1, y1 (non-empty only)
        int nb = 0;
        for (Cand c : cands) {
            int x = c.minX;
            int y = c.minY;
            int bw = c.maxX - c.minX;
            int bh = c.maxY - c.minY;
            if (!(bw == ps && bh == ps)) {
                bw += 1;
                bh += 1;
                long[] com = boxMoments(x, y, Math.min(W, x + bw), Math.min(h, y + bh));
                double cy = (double) com[2] / com[0];
                double cx = (double) com[1] / com[0];
                int nx = clampStart((int) (cx - ps / 2.0), ps, W);
                int ny = clampStart((int) (cy - ps / 2.0), ps, h);
                x = nx;
                y = ny;
                bw = ps;
                bh = ps;
            }
            c.minX = x;
            c.minY = y;
            c.maxX = x + bw;
            c.maxY = y + bh;
            int x0 = Math.max(0, c.minX);
            int y0 = Math.max(0, c.minY);
            int x1 = Math.min(W, c.maxX);
            int y1 = Math.min(h, c.maxY);
            int area = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
            c.len = area;
            c.confluency = area == 0 ? Double.NaN : (double) boxCount(x0, y0, x1, y1) / area;
            c.histT = new int[p.textureBins()];
            c.histC = codes == null ? null : new int[p.intensityBins()];
            if (area > 0) {
                bx[4 * nb] = x0;
                bx[4 * nb + 1] = y0;
                bx[4 * nb + 2] = x1;
                bx[4 * nb + 3] = y1;
                nb++;
            }
        }
        // LBP codes once per pixel of the union of the boxes
        Profile.subLap(21);
        lbpUnion(bx, nb, pixels, codes);
        Profile.subLap(22);
        // histograms: bin images via the tables (out-of-range values -> one extra discarded bin), four interleaved
        // sub-histograms per box (column mod 4) so that runs of equal bins do not serialise the increments
        final int tb = p.textureBins();
        final int cb = p.intensityBins();
        int[] hT4 = new int[4 * (tb + 1)];
        int[] hC4 = new int[4 * (cb + 1)];
        int[] lutT4 = shiftedLut(lutT, tb);
        int[] lutC4 = codes == null ? null : shiftedLut(lutC, cb);
        for (Cand c : cands) {
            int x0 = Math.max(0, c.minX);
            int y0 = Math.max(0, c.minY);
            int x1 = Math.min(W, c.maxX);
            int y1 = Math.min(h, c.maxY);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            Arrays.fill(hT4, 0);
            for (int yy = y0; yy < y1; yy++) {
                int row = yy * W;
                for (int xx = x0; xx < x1; xx++) {
                    hT4[lutT4[lbp[row + xx]] | (xx & 3)]++;
                }
            }
            for (int b = 0; b < tb; b++) {
                c.histT[b] = hT4[4 * b] + hT4[4 * b + 1] + hT4[4 * b + 2] + hT4[4 * b + 3];
            }
            if (codes != null) {
                Arrays.fill(hC4, 0);
                for (int yy = y0; yy < y1; yy++) {
                    int row = yy * W;
                    for (int xx = x0; xx < x1; xx++) {
                        hC4[lutC4[codes[row + xx]] | (xx & 3)]++;
                    }
                }
                for (int b = 0; b < cb; b++) {
                    c.histC[b] = hC4[4 * b] + hC4[4 * b + 1] + hC4[4 * b + 2] + hC4[4 * b + 3];
                }
            }
        }
        Profile.subLap(23);
        Profile.lap(8);
        // §2.5 neighbours and similarities, in the published pair order
        int nc = cands.size();
        int[] pa = new int[16];
        int[] pb = new int[16];
        double[] sims = new double[16];
        int np = 0;
        for (int i = 0; i < nc - 1; i++) {
            Cand a = cands.get(i);
            for (int j = i + 1; j < nc; j++) {
                Cand b = cands.get(j);
                if (!intersect(a, b)) {
                    continue;
                }
                if (np == sims.length) {
                    pa = Arrays.copyOf(pa, np * 2);
                    pb = Arrays.copyOf(pb, np * 2);
                    sims = Arrays.copyOf(sims, np * 2);
                }
                pa[np] = i;
                pb[np] = j;
                sims[np] = (simColour(a, b) + simHist(a.histT, a.len, b.histT, b.len)) + iou(a, b);
                np++;
            }
        }
        // §2.6 overlap filter
        double mean = NumpyCompat.mean(sims, np);
        boolean[] removed = new boolean[nc];
        for (int k = 0; k < np; k++) {
            int i = pa[k];
            int j = pb[k];
            if (sims[k] >= mean && !removed[i] && !removed[j]) {
                if (cands.get(i).confluency >= cands.get(j).confluency) {
                    removed[j] = true;
                } else {
                    removed[i] = true;
                }
            }
        }
        // §2.7 sorted(..., key=confluency)[::-1][:final]: descending, equal confluency -> later candidate first
        List<Integer> survivors = new ArrayList<>();
        for (int i = 0; i < nc; i++) {
            if (!removed[i]) {
                survivors.add(i);
            }
        }
        survivors.sort((u, v) -> {
            int cmp = Double.compare(cands.get(v).confluency, cands.get(u).confluency);
            return cmp != 0 ? cmp : Integer.compare(v, u);
        });
        List<Patch> out = new ArrayList<>();
        for (int k = 0; k < Math.min(p.finalRegion(), survivors.size()); k++) {
            Cand c = cands.get(survivors.get(k));
            out.add(new Patch(k, c.minX, c.minY, c.maxX - c.minX, c.maxY - c.minY, c.confluency));
        }
        Profile.lap(9);
        return out;
    }

    private static int clampStart(int v, int size, int limit) {
        if (v < 0) {
            return 0;
        } else if (v + size > limit) {
            return limit - size;
        }
        return v;
    }

    /** Mask pixels in [x0,x1) x [y0,y1). */
    private long boxCount(int x0, int y0, int x1, int y1) {
        long s = 0;
        for (int y = y0; y < y1; y++) {
            int base = y * (w + 1);
            s += rowCount[base + x1] - rowCount[base + x0];
        }
        return s;
    }

    /** {count, sum x, sum y} of mask pixels in [x0,x1) x [y0,y1). */
    private long[] boxMoments(int x0, int y0, int x1, int y1) {
        long n = 0;
        long sx = 0;
        long sy = 0;
        for (int y = y0; y < y1; y++) {
            int base = y * (w + 1);
            long c = rowCount[base + x1] - rowCount[base + x0];
            n += c;
            sx += rowXSum[base + x1] - rowXSum[base + x0];
            sy += c * y;
        }
        return new long[] {n, sx, sy};
    }

    /** The published corner test: a top-left corner of one box (or a mixed corner) lies inside the other. */
    private static boolean intersect(Cand a, Cand b) {
        return (a.minX <= b.minX && b.minX < a.maxX && a.minY <= b.minY && b.minY < a.maxY)
                || (b.minX <= a.minX && a.minX < b.maxX && b.minY <= a.minY && a.minY < b.maxY)
                || (b.minX <= a.minX && a.minX < b.maxX && a.minY <= b.minY && b.minY < a.maxY)
                || (a.minX <= b.minX && b.minX < a.maxX && b.minY <= a.minY && a.minY < b.maxY);
    }

    private static double iou(Cand r1, Cand r2) {
        int xl = Math.max(r1.minX, r2.minX);
        int yt = Math.max(r1.minY, r2.minY);
        int xr = Math.min(r1.maxX, r2.maxX);
        int yb = Math.min(r1.maxY, r2.maxY);
        if (xr < xl || yb < yt) {
            return 0.0;
        }
        long inter = (long) (xr - xl) * (yb - yt);
        long a1 = (long) (r1.maxX - r1.minX) * (r1.maxY - r1.minY);
        long a2 = (long) (r2.maxX - r2.minX) * (r2.maxY - r2.minY);
        return inter / (double) (a1 + a2 - inter);
    }

    private static double simColour(Cand a, Cand b) {
        if (a.histC == null) {
            return 1.0; // float image in [0,1]: every value in the first of 25 bins over [0,255]
        }
        return simHist(a.histC, a.len, b.histC, b.len);
    }

    /** sum(min(a_i/len_a, b_i/len_b)), summed left to right like Python's sum(). */
    private static double simHist(int[] ha, int la, int[] hb, int lb) {
        double s = 0;
        for (int i = 0; i < ha.length; i++) {
            double x = ha[i] / (double) la;
            double y = hb[i] / (double) lb;
            s += Math.min(x, y);
        }
        return s;
    }

    /** Test access: the LBP codes computed for the union of the given clipped boxes (x0, y0, x1, y1 each). */
    short[] lbpForBoxes(int width, int height, float[] pixels, int[] codes, int[] boxes) {
        ensure(width, height);
        Arrays.fill(lbp, (short) -1);
        lbpUnion(boxes, boxes.length / 4, pixels, codes);
        return lbp.clone();
    }

    /** lut[v] * 4, with out-of-range (-1) mapped to the discarded bin {@code bins}. */
    private static int[] shiftedLut(int[] lut, int bins) {
        int[] out = new int[lut.length];
        for (int v = 0; v < lut.length; v++) {
            out[v] = 4 * (lut[v] < 0 ? bins : lut[v]);
        }
        return out;
    }

    /**
     * Merged column intervals [x0, x1) of row y covered by the boxes rows [y0 - e, y1 + e) (boxes sorted by x0);
     * returns the number of ints written to {@code out} (pairs).
     */
    private static int rowIntervals(int[] bx, int[] order, int nb, int y, int e, int[] out) {
        int n = 0;
        for (int k = 0; k < nb; k++) {
            int i = 4 * order[k];
            if (bx[i + 1] - e <= y && y < bx[i + 3] + e) {
                int x0 = bx[i];
                int x1 = bx[i + 2];
                if (n > 0 && x0 <= out[n - 1]) {
                    if (x1 > out[n - 1]) {
                        out[n - 1] = x1;
                    }
                } else {
                    out[n++] = x0;
                    out[n++] = x1;
                }
            }
        }
        return n;
    }

    /**
     * skimage local_binary_pattern(image, 8, 1.0), method 'default', for every pixel of the union of the boxes,
     * into {@code lbp}. Same double arithmetic as skimage's bilinear_interpolation (mode 'C', cval 0): the axial
     * neighbours are exact pixel values (0 outside the image), a diagonal sample is
     * {@code (1-dr)*((1-dc)*A[c] + dc*A[c+1]) + dr*((1-dc)*B[c] + dc*B[c+1])} (or with c-1, c and the minus
     * weights) for the two rows A, B it falls between. The inner horizontal interpolations depend only on the row
     * and the column (weights per column), so they are computed once per row (HP: columns c, c+1; HM: c-1, c) over
     * the columns any of the three rows using that row needs, and combined per pixel with the row weights: the same
     * operations on the same operands in the same order (Java does not contract to FMA), hence the same bits.
     */
    private void lbpUnion(int[] bx, int nb, float[] pixels, int[] codes) {
        if (nb == 0) {
            return;
        }
        final int W = w;
        final int pw = W + 2;
        if (rowA == null || rowA[0].length != pw) {
            rowA = new double[3][pw];
            hp = new double[3][W];
            hm = new double[3][W];
            ivU = new int[2 * 64];
            ivI = new int[2 * 64];
        }
        if (ivU.length < 2 * nb) {
            ivU = new int[2 * nb];
            ivI = new int[2 * nb];
        }
        Integer[] ord = new Integer[nb];
        for (int k = 0; k < nb; k++) {
            ord[k] = k;
        }
        Arrays.sort(ord, (u, v) -> Integer.compare(bx[4 * u], bx[4 * v]));
        int[] order = new int[nb];
        for (int k = 0; k < nb; k++) {
            order[k] = ord[k];
        }
        // ring: slot 0 = row t-2, 1 = row t-1, 2 = row t
        double[] a0 = rowA[0], a1 = rowA[1], a2 = rowA[2];
        double[] hp0 = hp[0], hp1 = hp[1], hp2 = hp[2];
        double[] hm0 = hm[0], hm1 = hm[1], hm2 = hm[2];
        final double[] dcp = dcPlus;
        final double[] dcm = dcMinus;
        for (int t = -1; t <= h; t++) {
            // load row t over U_t (+-1 column) and its horizontal interpolations over U_t
            int nu = rowIntervals(bx, order, nb, t, 1, ivU);
            if (nu > 0) {
                if (t < 0 || t >= h) {
                    Arrays.fill(a2, 0.0);
                } else {
                    int src = t * W;
                    for (int k = 0; k < nu; k += 2) {
                        int c0 = Math.max(0, ivU[k] - 1);
                        int c1 = Math.min(W, ivU[k + 1] + 1);
                        if (codes != null) {
                            for (int c = c0; c < c1; c++) {
                                a2[c + 1] = codes[src + c];
                            }
                        } else {
                            for (int c = c0; c < c1; c++) {
                                a2[c + 1] = pixels[src + c];
                            }
                        }
                    }
                }
                for (int k = 0; k < nu; k += 2) {
                    int c0 = ivU[k];
                    int c1 = ivU[k + 1];
                    for (int c = c0; c < c1; c++) {
                        double p = dcp[c];
                        hp2[c] = (1 - p) * a2[c + 1] + p * a2[c + 2];
                    }
                    for (int c = c0; c < c1; c++) {
                        double m = dcm[c];
                        hm2[c] = (1 - m) * a2[c] + m * a2[c + 1];
                    }
                }
            }
            int r = t - 1;
            if (r >= 0 && r < h) {
                int ni = rowIntervals(bx, order, nb, r, 0, ivI);
                if (ni > 0) {
                    final double drm = drMinus[r];
                    final double drp = drPlus[r];
                    final double udrm = 1 - drm;
                    final double udrp = 1 - drp;
                    final int row = r * W;
                    for (int k = 0; k < ni; k += 2) {
                        int c1 = ivI[k + 1];
                        for (int c = ivI[k]; c < c1; c++) {
                            double center = a1[c + 1];
                            int code = 0;
                            if (a1[c + 2] - center >= 0) {
                                code |= 1;
                            }
                            if (udrm * hp0[c] + drm * hp1[c] - center >= 0) {
                                code |= 2;
                            }
                            if (a0[c + 1] - center >= 0) {
                                code |= 4;
                            }
                            if (udrm * hm0[c] + drm * hm1[c] - center >= 0) {
                                code |= 8;
                            }
                            if (a1[c] - center >= 0) {
                                code |= 16;
                            }
                            if (udrp * hm1[c] + drp * hm2[c] - center >= 0) {
                                code |= 32;
                            }
                            if (a2[c + 1] - center >= 0) {
                                code |= 64;
                            }
                            if (udrp * hp1[c] + drp * hp2[c] - center >= 0) {
                                code |= 128;
                            }
                            lbp[row + c] = (short) code;
                        }
                    }
                }
            }
            double[] tmp = a0;
            a0 = a1;
            a1 = a2;
            a2 = tmp;
            tmp = hp0;
            hp0 = hp1;
            hp1 = hp2;
            hp2 = tmp;
            tmp = hm0;
            hm0 = hm1;
            hm1 = hm2;
            hm2 = tmp;
        }
    }
}
