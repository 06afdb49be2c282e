package org.clanet.workbench.selection;

import java.util.Arrays;

/**
 * The binary morphology of the published mask code (scipy.ndimage / scikit-image) on 0/1 byte images, in plain
 * Java on reused buffers: the 3x3-cross closing as row-wise OR/AND passes, the labellings on horizontal runs
 * ({@link RunLabeler}). Not thread-safe: one instance per thread.
 */
final class BinaryOps {

    private final int w;
    private final int h;
    private final byte[] dil;
    private final RunLabeler runs = new RunLabeler();
    private int[] pending = new int[64];
    /** Side of the tiles that record where the hole filling painted last. */
    private static final int TILE = 16;
    /** Per tile: the last pass of the hole filling's loop that painted in it, -1 if none. */
    private int[] paintedIn = new int[0];

    BinaryOps(int w, int h) {
        this.w = w;
        this.h = h;
        dil = new byte[w * h];
    }

    int width() {
        return w;
    }

    int height() {
        return h;
    }

    /**
     * {@code binary_erosion(binary_dilation(x))} with scipy's defaults: 3x3 cross, border value 0 (so the erosion
     * clears the 1-pixel frame). {@code in} and {@code out} may be the same array.
     */
    void close(byte[] in, byte[] out) {
        crossDilate(in, dil);
        crossErode(dil, out);
    }

    /** Dilation by the 3x3 cross, outside = 0. */
    private void crossDilate(byte[] a, byte[] o) {
        final int W = w;
        for (int y = 0; y < h; y++) {
            int r = y * W;
            int up = y > 0 ? r - W : r; // at the image edge the row itself stands in (OR with itself is a no-op)
            int dn = y < h - 1 ? r + W : r;
            if (W < 3) {
                for (int x = 0; x < W; x++) {
                    int v = a[r + x] | a[up + x] | a[dn + x];
                    if (x > 0) {
                        v |= a[r + x - 1];
                    }
                    if (x < W - 1) {
                        v |= a[r + x + 1];
                    }
                    o[r + x] = (byte) v;
                }
                continue;
            }
            o[r] = (byte) (a[r] | a[r + 1] | a[up] | a[dn]);
            int x = 1;
            for (; x <= W - 9; x += 8) { // eight pixels per step; x - 1 and x + 8 stay inside the row
                long v = Swar.get(a, r + x) | Swar.get(a, r + x - 1) | Swar.get(a, r + x + 1)
                        | Swar.get(a, up + x) | Swar.get(a, dn + x);
                Swar.set(o, r + x, v);
            }
            for (; x < W - 1; x++) {
                o[r + x] = (byte) (a[r + x] | a[r + x - 1] | a[r + x + 1] | a[up + x] | a[dn + x]);
            }
            int e = r + W - 1;
            o[e] = (byte) (a[e] | a[e - 1] | a[up + W - 1] | a[dn + W - 1]);
        }
    }

    /** Erosion by the 3x3 cross, outside = 0: the 1-pixel frame becomes 0. */
    private void crossErode(byte[] a, byte[] o) {
        final int W = w;
        Arrays.fill(o, 0, W, (byte) 0);
        Arrays.fill(o, (h - 1) * W, h * W, (byte) 0);
        for (int y = 1; y < h - 1; y++) {
            int r = y * W;
            int up = r - W;
            int dn = r + W;
            o[r] = 0;
            int x = 1;
            for (; x <= W - 9; x += 8) {
                long v = Swar.get(a, r + x) & Swar.get(a, r + x - 1) & Swar.get(a, r + x + 1)
                        & Swar.get(a, up + x) & Swar.get(a, dn + x);
                Swar.set(o, r + x, v);
            }
            for (; x < W - 1; x++) {
                o[r + x] = (byte) (a[r + x] & a[r + x - 1] & a[r + x + 1] & a[up + x] & a[dn + x]);
            }
            o[r + W - 1] = 0;
        }
    }

    /**
     * {@code ndi.binary_fill_holes(x, structure=np.ones((k, k)))}: scipy dilates the outside (border value 1) into
     * the background with the k x k structure until nothing changes; background it cannot reach becomes
     * foreground. For k = 6 a reached pixel r reaches q when q - r is in [-3, 2]^2 (measured), i.e. q is reached
     * when its window q + [-2, 3]^2 holds a reached pixel or leaves the image.
     *
     * <p>Exact for k &ge; 3 (the published k is 6; smaller k were approximate before too): every 8-neighbour lies
     * in the window both ways, so 8-connected background components are reached as a whole. Components with a
     * pixel whose window leaves the image are seeds (reached at once, normally one huge outer component); each
     * remaining one is reached when the union of its runs' windows — a rectangle per run — holds a reached pixel;
     * that test repeats over the still unreached ones until no change.
     */
    void fillHoles(byte[] in, byte[] out, int k) {
        int lo = k / 2;         // windows reach lo pixels right / down
        int hi = k - 1 - lo;    // and hi pixels left / up
        RunLabeler rl = runs;
        Profile.subStart();
        int nc = rl.label(in, w, h, (byte) 0, true);
        Profile.subLap(10);
        boolean[] seed = new boolean[nc];
        for (int r = 0; r < rl.runs; r++) {
            int y = rl.row[r];
            if (y < hi || y >= h - lo || rl.start[r] < hi || rl.end[r] > w - lo) {
                seed[rl.comp[r]] = true;
            }
        }
        int np = 0;
        for (int c = 0; c < nc; c++) {
            if (!seed[c]) {
                if (np == pending.length) {
                    pending = Arrays.copyOf(pending, np * 2);
                }
                pending[np++] = c;
            }
        }
        // out = 0 where reached: the seeds (most of the background, tens of thousands of runs) are 0 in `in`
        // already, so copy `in` and paint only the runs of the other, enclosed components 1
        System.arraycopy(in, 0, out, 0, w * h);
        for (int r = 0; r < rl.runs; r++) {
            if (!seed[rl.comp[r]]) {
                rl.paint(out, r, (byte) 1);
            }
        }
        Profile.subLap(11);
        if (np == 0) {
            return;
        }
        rl.link();
        rl.stats();
        // Repeat the test over the still unreached components until a pass reaches none. The reached set is the
        // least fixed point whatever the order, and a component's test reads only `out` inside its bounding box
        // grown by the window, which changes only where components are painted; so from the second pass on a
        // component is tested again only when a tile of that box was painted since its last test (in the previous
        // pass, or earlier in this one).
        int tx = (w + TILE - 1) / TILE;
        int ty = (h + TILE - 1) / TILE;
        if (paintedIn.length < tx * ty) {
            paintedIn = new int[tx * ty];
        }
        Arrays.fill(paintedIn, 0, tx * ty, -1);
        boolean changed = true;
        for (int pass = 0; changed && np > 0; pass++) {
            changed = false;
            int keep = 0;
            for (int i = 0; i < np; i++) {
                int c = pending[i];
                int x0 = Math.max(0, rl.minX[c] - hi) / TILE;
                int x1 = Math.min(w - 1, rl.maxX[c] + lo) / TILE;
                int y0 = Math.max(0, rl.minY[c] - hi) / TILE;
                int y1 = Math.min(h - 1, rl.maxY[c] + lo) / TILE;
                if ((pass == 0 || paintedSince(tx, x0, x1, y0, y1, pass - 1))
                        && touchesReached(rl, c, out, lo, hi)) {
                    for (int r = rl.head[c]; r >= 0; r = rl.next[r]) {
                        rl.paint(out, r, (byte) 0);
                    }
                    for (int yy = rl.minY[c] / TILE; yy <= rl.maxY[c] / TILE; yy++) {
                        Arrays.fill(paintedIn, yy * tx + rl.minX[c] / TILE, yy * tx + rl.maxX[c] / TILE + 1, pass);
                    }
                    changed = true;
                } else {
                    pending[keep++] = c;
                }
            }
            np = keep;
        }
        Profile.subLap(12);
    }

    /** Whether a tile of the range was painted in pass {@code since} or later. */
    private boolean paintedSince(int tx, int x0, int x1, int y0, int y1, int since) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (paintedIn[y * tx + x] >= since) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a window of a pixel of component c holds a reached (0) pixel of {@code out}. */
    private boolean touchesReached(RunLabeler rl, int c, byte[] out, int lo, int hi) {
        final int W = w;
        for (int r = rl.head[c]; r >= 0; r = rl.next[r]) {
            int y = rl.row[r];
            int x0 = Math.max(0, rl.start[r] - hi);
            int x1 = Math.min(W, rl.end[r] + lo); // exclusive
            int y1 = Math.min(h - 1, y + lo);
            for (int yy = Math.max(0, y - hi); yy <= y1; yy++) {
                int base = yy * W;
                int x = base + x0;
                int e = base + x1;
                for (; x <= e - 8; x += 8) {
                    if (Swar.get(out, x) != Swar.ONES) { // a 0 byte among these eight
                        return true;
                    }
                }
                for (; x < e; x++) {
                    if (out[x] == 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * {@code skimage.morphology.remove_small_holes(x, area)} (connectivity 1) when {@code holes} is true, else
     * {@code remove_small_objects(x, area)} (connectivity 1): components strictly smaller than {@code area} flip.
     * In place.
     */
    void removeSmall(byte[] img, int area, boolean holes) {
        if (area <= 0) {
            return;
        }
        RunLabeler rl = runs;
        byte v = (byte) (holes ? 0 : 1);
        rl.label(img, w, h, v, false);
        rl.areas();
        byte flip = (byte) (1 - v);
        for (int r = 0; r < rl.runs; r++) {
            if (rl.area[rl.comp[r]] < area) {
                rl.paint(img, r, flip);
            }
        }
    }

    /**
     * 8-connected components of {@code img != 0}, numbered 1..n in raster order of each component's first pixel
     * (as {@code skimage.measure.label} numbers them). Returns per label {area, minX, minY, maxX, maxY}
     * (inclusive), index 0 unused.
     */
    int[][] labelRaster(byte[] img) {
        RunLabeler rl = runs;
        int nc = rl.label(img, w, h, (byte) 1, true);
        rl.stats();
        int[][] res = new int[nc + 1][];
        for (int c = 0; c < nc; c++) {
            res[c + 1] = new int[] {rl.area[c], rl.minX[c], rl.minY[c], rl.maxX[c], rl.maxY[c]};
        }
        return res;
    }

    void release() {
        // plain Java buffers only
    }
}
