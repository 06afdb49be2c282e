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
    /** One row as bits (bit x of word x / 64 = pixel x is the wanted value), for {@link #extract}. */
    private long[] bits = new long[0];
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

    /**
     * The runs, from a bit-packed copy of each row: packing costs one multiply per eight pixels, and then every run
     * boundary is found with one {@code numberOfTrailingZeros} instead of a byte-by-byte scan (the background of
     * a fill has ~50,000 short runs, so the byte scans at the boundaries were most of the time).
     */
    private void extract(byte[] img, byte value) {
        if (rowFirst.length < h + 1) {
            rowFirst = new int[h + 1];
        }
        final int W = w;
        final int words = (W + 63) >>> 6;
        if (bits.length < words) {
            bits = new long[words];
        }
        final long[] b = bits;
        // bits of the wanted value: XOR with all ones flips the 0/1 bytes when the zeros are wanted
        final long flip = value == 0 ? Swar.ONES : 0L;
        int n = 0;
        for (int y = 0; y < h; y++) {
            rowFirst[y] = n;
            packRow(img, y * W, W, flip, b, words);
            int x = 0;
            while (true) {
                x = nextSet(b, words, x, W, 0L);
                if (x >= W) {
                    break;
                }
                int s = x;
                x = nextSet(b, words, x, W, -1L); // next pixel of the other value
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

    /** Pixel x of the row (0/1 byte, XOR flip) into bit x of b; bits past the row's end are 0. */
    private static void packRow(byte[] img, int base, int W, long flip, long[] b, int words) {
        for (int wi = 0; wi < words; wi++) {
            int x0 = wi << 6;
            int x1 = Math.min(W, x0 + 64);
            long word = 0;
            int x = x0;
            for (; x <= x1 - 8; x += 8) {
                // eight 0/1 bytes (little endian: pixel x in the lowest byte) -> eight bits, pixel x lowest
                long v = Swar.get(img, base + x) ^ flip;
                word |= ((v * 0x0102040810204080L) >>> 56) << (x - x0);
            }
            for (; x < x1; x++) {
                word |= ((long) ((img[base + x] ^ flip) & 1)) << (x - x0);
            }
            b[wi] = word;
        }
    }

    /**
     * The first x &ge; from whose bit is 1 in b XOR invert (invert = 0: next pixel of the wanted value, -1: next
     * other pixel), or a value &ge; W when there is none.
     */
    private static int nextSet(long[] b, int words, int from, int W, long invert) {
        int wi = from >>> 6;
        if (wi >= words) {
            return W;
        }
        long word = (b[wi] ^ invert) & (-1L << (from & 63));
        while (word == 0) {
            if (++wi == words) {
                return W;
            }
            word = b[wi] ^ invert;
        }
        return Math.min(W, (wi << 6) + Long.numberOfTrailingZeros(word));
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
