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
    private double[] pad;
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
            pad = new double[(w + 2) * (h + 2)];
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
        Arrays.fill(lbp, (short) -1);
        for (int y = 0; y < h; y++) {
            int src = y * W;
            int dst = (y + 1) * (W + 2) + 1;
            if (codes != null) {
                for (int x = 0; x < W; x++) {
                    pad[dst + x] = codes[src + x];
                }
            } else {
                for (int x = 0; x < W; x++) {
                    pad[dst + x] = pixels[src + x];
                }
            }
        }
        int[] lutC = NumpyCompat.histogramLut(Math.max(maxCode, 255), 0.0, 255.0, p.intensityBins());
        int[] lutT = NumpyCompat.histogramLut(255, 0.0, 255.0, p.textureBins());
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
            for (int yy = y0; yy < y1; yy++) {
                lbpRow(yy, x0, x1);
                int row = yy * W;
                for (int xx = x0; xx < x1; xx++) {
                    int b = lutT[lbp[row + xx]];
                    if (b >= 0) {
                        c.histT[b]++;
                    }
                }
                if (codes != null) {
                    for (int xx = x0; xx < x1; xx++) {
                        int bc = lutC[codes[row + xx]];
                        if (bc >= 0) {
                            c.histC[bc]++;
                        }
                    }
                }
            }
        }
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

    /**
     * skimage local_binary_pattern(image, 8, 1.0), method 'default', for row r, columns [x0, x1), computed on first
     * use. Same double arithmetic as skimage's bilinear_interpolation (mode 'C', cval 0, via the zero-padded copy):
     * the axial neighbours are exact pixel values, the diagonal ones are interpolated with weights that depend on
     * the row and column (r - 0.70711 is rounded), precomputed per row and column.
     */
    private void lbpRow(int r, int x0, int x1) {
        final int pw = w + 2;
        final double[] g = pad;
        final int prow = (r + 1) * pw + 1; // padded index of (r, 0)
        final double drm = drMinus[r];
        final double drp = drPlus[r];
        final double udrm = 1 - drm;
        final double udrp = 1 - drp;
        for (int c = x0; c < x1; c++) {
            int q = r * w + c;
            if (lbp[q] >= 0) {
                continue;
            }
            int pq = prow + c;
            double center = g[pq];
            double up = g[pq - pw];
            double down = g[pq + pw];
            double left = g[pq - 1];
            double right = g[pq + 1];
            double ul = g[pq - pw - 1];
            double ur = g[pq - pw + 1];
            double dl = g[pq + pw - 1];
            double dr = g[pq + pw + 1];
            double dcp = dcPlus[c];
            double dcm = dcMinus[c];
            double udcp = 1 - dcp;
            double udcm = 1 - dcm;
            int code = 0;
            if (right - center >= 0) {
                code |= 1;
            }
            // i = 1: (r - D, c + D): rows r-1 / r, columns c / c+1
            if (udrm * (udcp * up + dcp * ur) + drm * (udcp * center + dcp * right) - center >= 0) {
                code |= 2;
            }
            if (up - center >= 0) {
                code |= 4;
            }
            // i = 3: (r - D, c - D): rows r-1 / r, columns c-1 / c
            if (udrm * (udcm * ul + dcm * up) + drm * (udcm * left + dcm * center) - center >= 0) {
                code |= 8;
            }
            if (left - center >= 0) {
                code |= 16;
            }
            // i = 5: (r + D, c - D): rows r / r+1, columns c-1 / c
            if (udrp * (udcm * left + dcm * center) + drp * (udcm * dl + dcm * down) - center >= 0) {
                code |= 32;
            }
            if (down - center >= 0) {
                code |= 64;
            }
            // i = 7: (r + D, c + D): rows r / r+1, columns c / c+1
            if (udrp * (udcp * center + dcp * right) + drp * (udcp * down + dcp * dr) - center >= 0) {
                code |= 128;
            }
            lbp[q] = (short) code;
        }
    }
}
