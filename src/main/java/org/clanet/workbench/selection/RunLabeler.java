package org.clanet.workbench.selection;

import java.util.Arrays;

/**
 * Connected components of a 0/1 byte image on its horizontal runs: one scan extracts the runs of the wanted value,
 * a union-find over runs of adjacent rows joins them (4- or 8-connectivity), and components are numbered in raster
 * order of their first pixel, as {@code skimage.measure.label} / {@code ndi.label} number them. Masks are blobby, so
 * there are far fewer runs than pixels, and no per-pixel label image is ever written.
 *
 * <p>Buffers grow on demand and are kept between calls; not thread-safe (one per {@link BinaryOps}).
 */
final class RunLabeler {

    private int w;
    private int h;
    /** Run r covers pixels [start[r], end[r]) of row row[r]; rows in order, runs in a row left to right. */
    int[] start = new int[1024];
    int[] end = new int[1024];
    int[] row = new int[1024];
    /** Index of the first run of row y; rowFirst[h] = run count. */
    int[] rowFirst = new int[1];
    /** Component (0-based, raster order of first pixel) of every run, after {@link #label}. */
    int[] comp = new int[1024];
    private int[] parent = new int[1024];
    int runs;
    int components;
    /** Per component, after {@link #stats()}: pixel count and inclusive bounding box. */
    int[] area = new int[64];
    int[] minX = new int[64];
    int[] minY = new int[64];
    int[] maxX = new int[64];
    int[] maxY = new int[64];
    /** Runs of a component as a linked list, after {@link #link()}: head[c], then next[r] until -1. */
    int[] head = new int[64];
    int[] next = new int[1024];

    /**
     * Runs of pixels equal to {@code value} (0 or 1) in a w x h image, then their components.
     *
     * @param eight 8-connectivity (else 4)
     * @return the component count
     */
    int label(byte[] img, int width, int height, byte value, boolean eight) {
        w = width;
        h = height;
        extract(img, value);
        union(eight ? 1 : 0);
        return components;
    }

    private void extract(byte[] img, byte value) {
        if (rowFirst.length < h + 1) {
            rowFirst = new int[h + 1];
        }
        int n = 0;
        final int W = w;
        final long same = value * Swar.ONES;             // value is 0 or 1
        final long other = (1 - value) * Swar.ONES;
        for (int y = 0; y < h; y++) {
            rowFirst[y] = n;
            int base = y * W;
            int x = 0;
            while (x < W) {
                // skip pixels of the other value, eight at a time while a whole word is of the other value
                while (x <= W - 8 && Swar.get(img, base + x) == other) {
                    x += 8;
                }
                while (x < W && img[base + x] != value) {
                    x++;
                }
                if (x == W) {
                    break;
                }
                int s = x;
                while (x <= W - 8 && Swar.get(img, base + x) == same) {
                    x += 8;
                }
                while (x < W && img[base + x] == value) {
                    x++;
                }
                if (n == start.length) {
                    grow(n * 2);
                }
                start[n] = s;
                end[n] = x;
                row[n] = y;
                n++;
            }
        }
        rowFirst[h] = n;
        runs = n;
    }

    private void grow(int cap) {
        start = Arrays.copyOf(start, cap);
        end = Arrays.copyOf(end, cap);
        row = Arrays.copyOf(row, cap);
    }

    /** Joins runs of consecutive rows that touch; {@code k} = 1 for 8-connectivity (diagonal contact), 0 for 4. */
    private void union(int k) {
        int n = runs;
        if (parent.length < n) {
            parent = new int[Math.max(n, parent.length * 2)];
            comp = new int[parent.length];
            next = new int[parent.length];
        }
        final int[] par = parent;
        for (int r = 0; r < n; r++) {
            par[r] = r;
        }
        for (int y = 1; y < h; y++) {
            int i = rowFirst[y - 1];
            int iEnd = rowFirst[y];
            int jEnd = rowFirst[y + 1];
            for (int j = iEnd; j < jEnd && i < iEnd; j++) {
                int cs = start[j];
                int ce = end[j] + k;
                // previous-row runs ending before this run starts (diagonal contact counts for k = 1) are done
                while (i < iEnd && end[i] + k <= cs) {
                    i++;
                }
                for (int ii = i; ii < iEnd && start[ii] < ce; ii++) {
                    join(ii, j);
                }
            }
        }
        // roots are the smallest run index of each component = its first run in raster order
        int c = 0;
        for (int r = 0; r < n; r++) {
            int p = par[r];
            if (p == r) {
                comp[r] = c++;
            } else {
                int root = find(p);
                par[r] = root;
                comp[r] = comp[root];
            }
        }
        components = c;
    }

    private int find(int r) {
        final int[] par = parent;
        while (par[r] != r) {
            par[r] = par[par[r]];
            r = par[r];
        }
        return r;
    }

    /** Union keeping the smaller index as root. */
    private void join(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    private void ensureComponents() {
        int c = components;
        if (area.length < c) {
            int cap = Math.max(c, area.length * 2);
            area = new int[cap];
            minX = new int[cap];
            minY = new int[cap];
            maxX = new int[cap];
            maxY = new int[cap];
            head = new int[cap];
        }
    }

    /** Pixel count of every component. */
    void areas() {
        ensureComponents();
        Arrays.fill(area, 0, components, 0);
        for (int r = 0; r < runs; r++) {
            area[comp[r]] += end[r] - start[r];
        }
    }

    /** Pixel count and inclusive bounding box of every component. */
    void stats() {
        ensureComponents();
        int c = components;
        Arrays.fill(area, 0, c, 0);
        Arrays.fill(minX, 0, c, Integer.MAX_VALUE);
        Arrays.fill(maxX, 0, c, -1);
        Arrays.fill(maxY, 0, c, -1);
        for (int r = 0; r < runs; r++) {
            int q = comp[r];
            int s = start[r];
            int e = end[r];
            if (area[q] == 0) {
                minY[q] = row[r]; // runs come in raster order: the first run has the smallest row
            }
            area[q] += e - s;
            if (s < minX[q]) {
                minX[q] = s;
            }
            if (e - 1 > maxX[q]) {
                maxX[q] = e - 1;
            }
            maxY[q] = row[r];
        }
    }

    /** Builds the per-component run lists (head / next), runs in raster order. */
    void link() {
        ensureComponents();
        Arrays.fill(head, 0, components, -1);
        for (int r = runs - 1; r >= 0; r--) {
            int q = comp[r];
            next[r] = head[q];
            head[q] = r;
        }
    }

    /** Sets the pixels of run r to v in a w-wide image. */
    void paint(byte[] img, int r, byte v) {
        int base = row[r] * w;
        Arrays.fill(img, base + start[r], base + end[r], v);
    }
}
