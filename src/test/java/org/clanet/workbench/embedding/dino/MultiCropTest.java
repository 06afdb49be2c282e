package org.clanet.workbench.embedding.dino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.junit.jupiter.api.Test;

/** The crop resize equals PIL's bicubic box resize (tools/embedding/make_crop_reference.py); views are sane. */
class MultiCropTest {

    @Test
    void resizeMatchesPilBicubic() throws Exception {
        Map<String, NpyArray> ref = Npz.read(Path.of("src/test/resources/embedding/crop_reference.npz"));
        float[] img = ref.get("image").data();
        float[] boxes = ref.get("boxes").data();
        for (int i = 0; i < boxes.length / 5; i++) {
            int left = (int) boxes[i * 5];
            int top = (int) boxes[i * 5 + 1];
            int w = (int) boxes[i * 5 + 2];
            int h = (int) boxes[i * 5 + 3];
            int size = (int) boxes[i * 5 + 4];
            float[] got = MultiCrop.resizeBicubic(img, 112, left, top, w, h, size);
            float[] want = ref.get("out_" + i).data();
            double d = 0;
            for (int k = 0; k < want.length; k++) {
                // PIL does not clip float images; ours clips to [0,1] as the uint8 pipeline does
                d = Math.max(d, Math.abs(got[k] - Math.min(1, Math.max(0, want[k]))));
            }
            assertTrue(d < 1e-5, "box " + i + " differs from PIL by " + d);
        }
    }

    @Test
    void viewsHaveTheSizesAndRangeAndAreSeeded() {
        DinoParameters p = DinoParameters.published();
        MultiCrop mc = new MultiCrop(p);
        float[] patch = new float[112 * 112];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = (i % 112) / 111f;
        }
        float[][] v = mc.views(patch, 112, new SplittableRandom(4));
        assertEquals(10, v.length);
        assertEquals(112 * 112, v[0].length);
        assertEquals(112 * 112, v[1].length);
        assertEquals(32 * 32, v[9].length);
        for (float[] x : v) {
            for (float f : x) {
                assertTrue(f >= 0 && f <= 1);
            }
        }
        float[][] again = mc.views(patch, 112, new SplittableRandom(4));
        for (int i = 0; i < v.length; i++) {
            assertArrayEquals(v[i], again[i]);
        }
    }

    @Test
    void batchEffectAugmentationsAreOffAsPublishedAndChangeNothingThen() {
        DinoParameters p = DinoParameters.published();
        assertEquals(0.0, p.blurSigmaMax());
        assertEquals(0.0, p.noiseSdMax());
        float[] patch = ramp();
        // off: the views equal those of a run that sets the options to 0 explicitly (no draws from the source)
        float[][] a = new MultiCrop(p).views(patch, 112, new SplittableRandom(9));
        float[][] b = new MultiCrop(p.with("blur_sigma_max", 0).with("noise_sd_max", 0)).views(patch, 112,
                new SplittableRandom(9));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
    }

    @Test
    void noiseAugmentationMakesSomeFlatViewsNoisyWithinItsSd() {
        float[] flat = new float[112 * 112];
        java.util.Arrays.fill(flat, 0.5f);
        DinoParameters p = DinoParameters.published().with("blur_sigma_max", 2).with("noise_sd_max", 0.05);
        int noisy = 0;
        int views = 0;
        for (int seed = 0; seed < 8; seed++) {
            float[][] v = new MultiCrop(p).views(flat, 112, new SplittableRandom(seed));
            float[][] again = new MultiCrop(p).views(flat, 112, new SplittableRandom(seed));
            for (int i = 0; i < v.length; i++) {
                assertArrayEquals(v[i], again[i], "seeded");
                double mean = 0;
                for (float f : v[i]) {
                    assertTrue(f >= 0 && f <= 1);
                    mean += f / v[i].length;
                }
                double var = 0;
                for (float f : v[i]) {
                    var += (f - mean) * (f - mean) / v[i].length;
                }
                views++;
                noisy += Math.sqrt(var) > 1e-4 ? 1 : 0;
                assertTrue(Math.sqrt(var) < 0.05 * 1.1, "sd " + Math.sqrt(var) + " above noise_sd_max");
            }
        }
        // each view gets noise with p = 0.5 (and blur keeps a flat view flat)
        assertTrue(noisy > views / 4 && noisy < views * 3 / 4, noisy + " of " + views + " views noisy");
        assertThrows(IllegalArgumentException.class, () -> DinoParameters.published().with("noise_sd_max", -0.1));
        assertThrows(IllegalArgumentException.class, () -> DinoParameters.published().with("blur_sigma_max", 11));
    }

    @Test
    void gaussianBlurKeepsTheMeanAndSmoothsAnEdge() {
        int n = 32;
        float[] step = new float[n * n];
        for (int i = 0; i < step.length; i++) {
            step[i] = (i % n) < n / 2 ? 0.2f : 0.8f;
        }
        float[] blurred = MultiCrop.gaussianBlur(step, n, 1.5);
        double sumIn = 0;
        double sumOut = 0;
        for (int i = 0; i < step.length; i++) {
            sumIn += step[i];
            sumOut += blurred[i];
        }
        assertEquals(sumIn, sumOut, 1e-2, "a symmetric edge keeps its mean");
        // at the edge the value is between the two sides; far from it, unchanged
        assertTrue(blurred[n / 2 - 1] > 0.25 && blurred[n / 2 - 1] < 0.5, "just left of the edge: " + blurred[n / 2 - 1]);
        assertTrue(blurred[n / 2] > 0.5 && blurred[n / 2] < 0.75, "just right of the edge: " + blurred[n / 2]);
        assertEquals(0.2f, blurred[2], 1e-6f);
        assertEquals(0.8f, blurred[n - 3], 1e-6f);
        // value of the centre-left pixel equals the analytic Gaussian-weighted sum of the step
        double w = 0;
        double t = 0;
        for (int i = -5; i <= 5; i++) {
            double g = Math.exp(-0.5 * i * i / 2.25);
            t += g;
            w += g * (n / 2 - 1 + i < n / 2 ? 0.2 : 0.8);
        }
        assertEquals(w / t, blurred[n / 2 - 1], 1e-6);
        assertArrayEquals(step, MultiCrop.gaussianBlur(step, n, 0.1), "sigma below 1/3 pixel: unchanged");
    }

    private static float[] ramp() {
        float[] patch = new float[112 * 112];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = 0.2f + 0.6f * ((i % 112) / 111f) * ((i / 112) % 7 == 0 ? 1 : 0.5f);
        }
        return patch;
    }
}
