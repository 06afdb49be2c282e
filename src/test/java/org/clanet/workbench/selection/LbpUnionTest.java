package org.clanet.workbench.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LBP codes computed per row on the union of the boxes (horizontal interpolations shared per row) equal the
 * previous per-pixel implementation on the zero-padded full-image copy (skimage's arithmetic), bit for bit, on the
 * integer and the float path, including boxes touching the image border and overlapping boxes.
 */
class LbpUnionTest {

    private static final double D = 70711 / 100000.0;

    /** The former implementation (per pixel, zero-padded float64 copy), kept as the reference. */
    private static int reference(double[] pad, int w, int r, int c) {
        int pw = w + 2;
        double drm = (r - D) - Math.floor(r - D);
        double drp = (r + D) - Math.floor(r + D);
        double dcp = (c + D) - Math.floor(c + D);
        double dcm = (c - D) - Math.floor(c - D);
        double udrm = 1 - drm;
        double udrp = 1 - drp;
        double udcp = 1 - dcp;
        double udcm = 1 - dcm;
        int pq = (r + 1) * pw + 1 + c;
        double center = pad[pq];
        double up = pad[pq - pw];
        double down = pad[pq + pw];
        double left = pad[pq - 1];
        double right = pad[pq + 1];
        double ul = pad[pq - pw - 1];
        double ur = pad[pq - pw + 1];
        double dl = pad[pq + pw - 1];
        double dr = pad[pq + pw + 1];
        int code = 0;
        if (right - center >= 0) {
            code |= 1;
        }
        if (udrm * (udcp * up + dcp * ur) + drm * (udcp * center + dcp * right) - center >= 0) {
            code |= 2;
        }
        if (up - center >= 0) {
            code |= 4;
        }
        if (udrm * (udcm * ul + dcm * up) + drm * (udcm * left + dcm * center) - center >= 0) {
            code |= 8;
        }
        if (left - center >= 0) {
            code |= 16;
        }
        if (udrp * (udcm * left + dcm * center) + drp * (udcm * dl + dcm * down) - center >= 0) {
            code |= 32;
        }
        if (down - center >= 0) {
            code |= 64;
        }
        if (udrp * (udcp * center + dcp * right) + drp * (udcp * down + dcp * dr) - center >= 0) {
            code |= 128;
        }
        return code;
    }

    @Test
    void unionCodesEqualFullImageReference() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 12; trial++) {
            int w = 40 + rnd.nextInt(200);
            int h = 30 + rnd.nextInt(150);
            boolean ints = trial % 2 == 0;
            int[] codes = new int[w * h];
            float[] px = new float[w * h];
            int levels = 2 + rnd.nextInt(trial < 6 ? 4 : 300);
            for (int i = 0; i < w * h; i++) {
                codes[i] = rnd.nextInt(levels);
                px[i] = rnd.nextInt(levels) / (float) levels;
            }
            double[] pad = new double[(w + 2) * (h + 2)];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pad[(y + 1) * (w + 2) + 1 + x] = ints ? codes[y * w + x] : px[y * w + x];
                }
            }
            int nb = 1 + rnd.nextInt(8);
            int[] boxes = new int[4 * nb];
            for (int k = 0; k < nb; k++) {
                int bw = 1 + rnd.nextInt(Math.min(w, 60));
                int bh = 1 + rnd.nextInt(Math.min(h, 60));
                int x0 = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0 : w - bw) : rnd.nextInt(w - bw + 1);
                int y0 = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0 : h - bh) : rnd.nextInt(h - bh + 1);
                boxes[4 * k] = x0;
                boxes[4 * k + 1] = y0;
                boxes[4 * k + 2] = x0 + bw;
                boxes[4 * k + 3] = y0 + bh;
            }
            short[] got = new ClusterSelector().lbpForBoxes(w, h, ints ? null : px, ints ? codes : null, boxes);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean in = false;
                    for (int k = 0; k < nb; k++) {
                        in |= boxes[4 * k] <= x && x < boxes[4 * k + 2] && boxes[4 * k + 1] <= y && y < boxes[4 * k + 3];
                    }
                    int expect = in ? reference(pad, w, y, x) : -1;
                    assertEquals(expect, got[y * w + x], "trial " + trial + " at " + x + "," + y);
                }
            }
        }
    }
}
