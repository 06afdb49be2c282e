package org.clanet.workbench.selection;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The binary morphology of the published mask code (scipy.ndimage / scikit-image), on 0/1 byte images, reusing
 * buffers. Not thread-safe: one instance per thread.
 */
final class BinaryOps {

    private final int w;
    private final int h;
    private final Mat a;
    private final Mat b;
    private final Mat labels;
    private final Mat stats;
    private final Mat centroids;
    private final Mat cross;
    private final int[] lab;
    private Mat near;
    private byte[] nearBuf;
    private Mat fillKernel;
    private int fillKernelSize;

    private Mat kernelFor(int k) {
        if (fillKernel == null || fillKernelSize != k) {
            if (fillKernel != null) {
                fillKernel.release();
            }
            fillKernel = Mat.ones(k, k, CvType.CV_8U);
            fillKernelSize = k;
        }
        return fillKernel;
    }

    BinaryOps(int w, int h) {
        this.w = w;
        this.h = h;
        a = new Mat(h, w, CvType.CV_8U);
        b = new Mat(h, w, CvType.CV_8U);
        labels = new Mat(h, w, CvType.CV_32S);
        stats = new Mat();
        centroids = new Mat();
        cross = Imgproc.getStructuringElement(Imgproc.MORPH_CROSS, new Size(3, 3));
        lab = new int[w * h];
    }

    int width() {
        return w;
    }

    int height() {
        return h;
    }

    /**
     * {@code binary_erosion(binary_dilation(x))} with scipy's defaults: 3x3 cross, border value 0 (so the erosion
     * clears the 1-pixel frame).
     */
    void close(byte[] in, byte[] out) {
        a.put(0, 0, in);
        Imgproc.dilate(a, b, cross, new Point(-1, -1), 1, Core.BORDER_CONSTANT, new Scalar(0));
        Imgproc.erode(b, a, cross, new Point(-1, -1), 1, Core.BORDER_CONSTANT, new Scalar(0));
        a.get(0, 0, out);
    }

    /** Labels {@code img != 0} (8- or 4-connectivity) into {@link #lab}; returns the label count (incl. 0). */
    private int label(byte[] img, boolean invert, int connectivity, int[][] statsOut) {
        a.put(0, 0, img);
        if (invert) {
            Core.compare(a, new Scalar(0), b, Core.CMP_EQ);
        } else {
            Core.compare(a, new Scalar(0), b, Core.CMP_NE);
        }
        int n = Imgproc.connectedComponentsWithStats(b, labels, stats, centroids, connectivity, CvType.CV_32S);
        labels.get(0, 0, lab);
        int[] s = new int[n * 5];
        stats.get(0, 0, s);
        statsOut[0] = s;
        return n;
    }

    /**
     * {@code ndi.binary_fill_holes(x, structure=np.ones((k, k)))}: background pixels that a k x k structure cannot
     * reach from outside the image by repeated dilation inside the background become foreground. Exact for any k:
     * 8-connected background components are reached as a whole (8-neighbours are within the structure both ways);
     * reachability between components follows the structure's (for even k asymmetric) offsets.
     */
    void fillHoles(byte[] in, byte[] out, int k) {
        Profile.subStart();
        int[][] so = new int[1][];
        int n = label(in, true, 8, so);
        int[] s = so[0];
        Profile.subLap(10);
        boolean[] reached = new boolean[n];
        // dilation offsets of scipy for a k x k structure: [-a, b] per axis
        int lo = k / 2;
        int hi = k - 1 - lo;
        // pixels reachable directly from outside: x < hi, x >= w - lo (same for y)
        for (int y = 0; y < h; y++) {
            boolean rowSeed = y < hi || y >= h - lo;
            int row = y * w;
            if (rowSeed) {
                for (int x = 0; x < w; x++) {
                    reached[lab[row + x]] = true;
                }
            } else {
                for (int x = 0; x < Math.min(hi, w); x++) {
                    reached[lab[row + x]] = true;
                }
                for (int x = Math.max(0, w - lo); x < w; x++) {
                    reached[lab[row + x]] = true;
                }
            }
        }
        reached[0] = false; // label 0 = foreground of the input
        // Only pixels whose window q + [-hi, lo]^2 holds a foreground pixel can see another component (a box
        // joining two 8-components crosses foreground), so the others are skipped.
        if (near == null) {
            near = new Mat(h, w, CvType.CV_8U);
            nearBuf = new byte[w * h];
        }
        // b holds bg as 255; near = bg dilated; we need foreground dilated: dilate(fg) = !erode(bg)
        Imgproc.erode(b, near, kernelFor(k), new Point(hi, hi), 1, Core.BORDER_CONSTANT, new Scalar(255));
        near.get(0, 0, nearBuf);
        Profile.subLap(11);
        // Directed edges source component -> candidate hole, collected per candidate; a candidate that already sees
        // a reached component is marked at once (early exit); the rest are settled by a fixpoint over the lists.
        int[][] sources = new int[n][];
        int[] stamp = new int[n];
        int[] buf = new int[16];
        for (int L = 1; L < n; L++) {
            if (reached[L]) {
                continue;
            }
            int cnt = 0;
            int x0 = s[L * 5];
            int y0 = s[L * 5 + 1];
            int x1 = x0 + s[L * 5 + 2];
            int y1 = y0 + s[L * 5 + 3];
            stamp[L] = L;
            scan:
            for (int y = y0; y < y1; y++) {
                int py0 = Math.max(0, y - hi);
                int py1 = Math.min(h - 1, y + lo);
                for (int x = x0; x < x1; x++) {
                    int q = y * w + x;
                    if (lab[q] != L || nearBuf[q] != 0) {
                        continue; // nearBuf != 0: no foreground in the window, so no other component either
                    }
                    int px0 = Math.max(0, x - hi);
                    int px1 = Math.min(w - 1, x + lo);
                    for (int py = py0; py <= py1; py++) {
                        int prow = py * w;
                        for (int px = px0; px <= px1; px++) {
                            int l2 = lab[prow + px];
                            if (l2 != 0 && stamp[l2] != L) {
                                if (reached[l2]) {
                                    reached[L] = true;
                                    break scan;
                                }
                                stamp[l2] = L;
                                if (cnt == buf.length) {
                                    buf = java.util.Arrays.copyOf(buf, cnt * 2);
                                }
                                buf[cnt++] = l2;
                            }
                        }
                    }
                }
            }
            sources[L] = reached[L] ? null : java.util.Arrays.copyOf(buf, cnt);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int L = 1; L < n; L++) {
                if (reached[L]) {
                    continue;
                }
                for (int l2 : sources[L]) {
                    if (reached[l2]) {
                        reached[L] = true;
                        changed = true;
                        break;
                    }
                }
            }
        }
        Profile.subLap(12);
        int total = w * h;
        for (int p = 0; p < total; p++) {
            int l = lab[p];
            out[p] = (byte) (l == 0 || !reached[l] ? 1 : 0);
        }
        Profile.subLap(13);
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
        int[][] so = new int[1][];
        int n = label(img, holes, 4, so);
        int[] s = so[0];
        boolean[] flip = new boolean[n];
        boolean any = false;
        for (int L = 1; L < n; L++) {
            if (s[L * 5 + 4] < area) {
                flip[L] = true;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        byte v = (byte) (holes ? 1 : 0);
        int total = w * h;
        for (int p = 0; p < total; p++) {
            if (flip[lab[p]]) {
                img[p] = v;
            }
        }
    }

    /**
     * 8-connected labels of {@code img != 0}, renumbered 1..n in raster order of each component's first pixel (as
     * {@code skimage.measure.label} numbers them). Fills {@code out} (w*h) and returns per label {area, minX, minY,
     * maxX, maxY} (inclusive), index 0 unused.
     */
    int[][] labelRaster(byte[] img, int[] out) {
        int[][] so = new int[1][];
        int n = label(img, false, 8, so);
        int[] s = so[0];
        int[] map = new int[n];
        java.util.Arrays.fill(map, -1);
        map[0] = 0;
        int next = 1;
        int total = w * h;
        for (int p = 0; p < total; p++) {
            int l = lab[p];
            int m = map[l];
            if (m < 0) {
                m = next++;
                map[l] = m;
            }
            out[p] = m;
        }
        int[][] res = new int[n][];
        for (int L = 1; L < n; L++) {
            int x = s[L * 5];
            int y = s[L * 5 + 1];
            res[map[L]] = new int[] {s[L * 5 + 4], x, y, x + s[L * 5 + 2] - 1, y + s[L * 5 + 3] - 1};
        }
        return res;
    }

    void release() {
        a.release();
        b.release();
        labels.release();
        stats.release();
        centroids.release();
        cross.release();
        if (near != null) {
            near.release();
        }
        if (fillKernel != null) {
            fillKernel.release();
        }
    }
}
