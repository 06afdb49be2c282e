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

    /** The branch-free code conversion passes only where the rint test passes, and then gives the same codes. */
    @Test
    void fastCodesAgreeWithRintTest() {
        Random rnd = new Random(11);
        float[] odd = {Float.NaN, -0f, -1e-9f, 1.0000001f, Float.POSITIVE_INFINITY, 0.5f / 255f, 1.0004f / 255f,
            0.9996f / 255f, 1e-30f, Math.nextDown(1f)};
        for (int bits : new int[] {8, 16}) {
            int max = (1 << bits) - 1;
            double tol = bits == 8 ? 1e-3 : 0.02;
            for (int trial = 0; trial < 400; trial++) {
                float[] px = new float[64];
                for (int i = 0; i < px.length; i++) {
                    int k = rnd.nextInt(max + 1);
                    px[i] = rnd.nextBoolean() ? k / (float) max : (float) ((k + rnd.nextGaussian() * 0.01) / max);
                }
                if (trial % 2 == 1) {
                    px[rnd.nextInt(px.length)] = odd[rnd.nextInt(odd.length)];
                }
                org.clanet.workbench.imaging.GrayImage g = new org.clanet.workbench.imaging.GrayImage(8, 8, px, bits);
                int[] fast = new int[64];
                int[] exact = new int[64];
                boolean f = MaskGenerator.codesFast(g, tol, fast);
                boolean e = MaskGenerator.codesExact(g, true, tol, exact);
                assertTrue(!f || e, "fast passed where rint failed, trial " + trial);
                if (f) {
                    assertArrayEquals(exact, fast);
                }
            }
            float[] all = new float[max + 1];
            for (int k = 0; k <= max; k++) {
                all[k] = k / (float) max;
            }
            assertTrue(MaskGenerator.codesFast(new org.clanet.workbench.imaging.GrayImage(max + 1, 1, all, bits), tol,
                    new int[max + 1]), "every exact code takes the fast path, " + bits + " bit");
        }
    }

    /**
     * The smoothing's division by the interior bleed-over constant (a multiplication and FMA corrections) gives
     * exactly the quotient, for divisors near 1 (the bleed constant is a sum of weights + eps) and numerators in
     * the range it is used for (+0 or (2^-200, 4)), including numerators near rounding midpoints.
     */
    @Test
    void divisionByConstantIsExact() {
        Random rnd = new Random(5);
        double[] a = new double[4096];
        double[] q = new double[a.length];
        for (int trial = 0; trial < 2000; trial++) {
            double d = switch (trial % 4) {
                case 0 -> 1.0 + Math.ulp(1.0) * (rnd.nextInt(64) - 32);
                case 1 -> 1.0 + (rnd.nextDouble() - 0.5) * 2e-3;
                case 2 -> 1.0 + Math.ulp(1.0);
                default -> 0.5 + rnd.nextDouble() * 1.5;
            };
            for (int i = 0; i < a.length; i++) {
                a[i] = switch (i % 5) {
                    case 0 -> rnd.nextDouble();
                    case 1 -> rnd.nextDouble() * 4;
                    case 2 -> rnd.nextInt(65536) / 65535.0 * (0.25 + rnd.nextDouble()); // code-like sums
                    case 3 -> Math.nextAfter(d * (1 + rnd.nextInt(1 << 20) * 0x1p-20), rnd.nextBoolean() ? 0 : 4);
                    default -> Math.scalb(1.0 + rnd.nextDouble(), -rnd.nextInt(190)); // down to 2^-190
                };
            }
            a[0] = 0.0;
            for (int i = 0; i < a.length; i++) {
                q[i] = a[i] / d;
            }
            SkimageCanny.divideByConstant(a, 0, a.length, d, 1.0 / d);
            assertArrayEquals(q, a, "d = " + d); // bit patterns
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
