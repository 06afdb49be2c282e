package org.clanet.workbench.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The speed paths against their plain definitions: NumPy's exp constants, hole filling by repeated dilation. */
class FastPathsTest {

    @Test
    void numpyExpConstantsAreWithinOneUlpOfJava() {
        for (int x = 0; x < SkimageCanny.NUMPY_EXP_SIGMA1.length; x++) {
            double j = Math.exp(-0.5 * x * x);
            assertTrue(Math.abs(SkimageCanny.NUMPY_EXP_SIGMA1[x] - j) <= Math.ulp(j), "x = " + x);
        }
    }

    /** scipy's binary_fill_holes(structure=ones((k,k))): dilate the outside (border 1) inside the background. */
    private static byte[] fillByDilation(byte[] in, int w, int h, int k) {
        int lo = k / 2;
        int hi = k - 1 - lo;
        boolean[] reached = new boolean[w * h];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int q = y * w + x;
                    if (in[q] != 0 || reached[q]) {
                        continue;
                    }
                    boolean hit = false;
                    for (int yy = y - hi; yy <= y + lo && !hit; yy++) {
                        for (int xx = x - hi; xx <= x + lo && !hit; xx++) {
                            hit = yy < 0 || yy >= h || xx < 0 || xx >= w || reached[yy * w + xx];
                        }
                    }
                    if (hit) {
                        reached[q] = true;
                        changed = true;
                    }
                }
            }
        }
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (reached[i] ? 0 : 1);
        }
        return out;
    }

    @Test
    void runLengthFillMatchesRepeatedDilation() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int w = 5 + rnd.nextInt(60);
            int h = 5 + rnd.nextInt(40);
            double density = 0.2 + 0.6 * rnd.nextDouble();
            byte[] img = new byte[w * h];
            for (int i = 0; i < img.length; i++) {
                img[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
            }
            BinaryOps ops = new BinaryOps(w, h);
            byte[] out = new byte[w * h];
            int k = 3 + rnd.nextInt(5); // k >= 3: every 8-neighbour lies in the window both ways
            ops.fillHoles(img, out, k);
            assertArrayEquals(fillByDilation(img, w, h, k), out, "trial " + trial + " k " + k);
        }
    }
}
