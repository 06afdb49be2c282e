package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.junit.jupiter.api.Test;

/** The texture statistics against scipy.ndimage (tools/embedding/make_texture_reference.py). */
class TextureStatisticsTest {

    private static final int SIDE = 112;

    @Test
    void matchScipyOnSampleConstantAndNoisePatches() throws Exception {
        Map<String, NpyArray> ref = Npz.read(VitParityTest.RES.resolve("texture_reference.npz"));
        float[] patches = ref.get("patches").data();
        float[] expected = ref.get("statistics").data();
        int n = (int) ref.get("patches").shape()[0];
        assertEquals(6, n);
        for (int i = 0; i < n; i++) {
            float[] patch = Arrays.copyOfRange(patches, i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
            double[] raw = TextureStatistics.raw(patch, SIDE);
            for (int k = 0; k < TextureStatistics.DIM; k++) {
                double want = expected[i * TextureStatistics.DIM + k];
                assertEquals(want, raw[k], 1e-4 * Math.max(1, Math.abs(want)), "patch " + i + ", statistic " + k);
            }
        }
    }

    @Test
    void sampleDataPatchesLieWithinAFewSpreadsAndLinesDiffer() throws Exception {
        Map<String, NpyArray> ref = Npz.read(VitParityTest.RES.resolve("texture_reference.npz"));
        float[] patches = ref.get("patches").data();
        float[][] lines = new float[4][];
        for (int i = 0; i < 4; i++) {
            lines[i] = TextureStatistics.of(Arrays.copyOfRange(patches, i * SIDE * SIDE, (i + 1) * SIDE * SIDE), SIDE);
            for (float v : lines[i]) {
                assertTrue(Math.abs(v) < 8, "a sample-data statistic " + v + " spreads from the centre");
            }
        }
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                double d = 0;
                for (int k = 0; k < TextureStatistics.DIM; k++) {
                    d += (lines[a][k] - lines[b][k]) * (lines[a][k] - lines[b][k]);
                }
                assertTrue(Math.sqrt(d) > 1, "lines " + a + " and " + b + " look alike: " + Math.sqrt(d));
            }
        }
    }

    @Test
    void invariantToBrightnessAndContrast() {
        float[] p = new float[SIDE * SIDE];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.5 + 0.05 * Math.sin(i % SIDE / 3.0) * Math.cos(i / SIDE / 5.0) + 0.01 * r.nextGaussian());
        }
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = 0.2f + 1.7f * p[i];
        }
        assertArrayEquals(TextureStatistics.of(p, SIDE), TextureStatistics.of(q, SIDE), 1e-3f);
    }

    @Test
    void coherenceIsHighForStripesAndLowForIsotropicNoise() {
        float[] stripes = new float[SIDE * SIDE];
        float[] noise = new float[SIDE * SIDE];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < stripes.length; i++) {
            int x = i % SIDE;
            int y = i / SIDE;
            stripes[i] = (float) (0.5 + 0.1 * Math.sin((x + 0.5 * y) / 3.0) + 0.002 * r.nextGaussian());
            noise[i] = (float) (0.5 + 0.1 * r.nextGaussian());
        }
        double[] s = TextureStatistics.raw(stripes, SIDE);
        double[] n = TextureStatistics.raw(noise, SIDE);
        int weightedCoherenceAt2px = 23 + 4 * 6 + 3 + 1;
        assertTrue(s[weightedCoherenceAt2px] > 0.9, "stripes run one way: " + s[weightedCoherenceAt2px]);
        assertTrue(n[weightedCoherenceAt2px] < 0.5, "noise runs every way: " + n[weightedCoherenceAt2px]);
    }

    @Test
    void mirroredEdgesAndPercentilesAsNumpy() {
        assertEquals(0, TextureStatistics.reflect(-1, 5));
        assertEquals(1, TextureStatistics.reflect(-2, 5));
        assertEquals(4, TextureStatistics.reflect(5, 5));
        assertEquals(3, TextureStatistics.reflect(6, 5));
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.03, TextureStatistics.percentile(sorted, 1), 1e-12);
        assertEquals(2.5, TextureStatistics.percentile(sorted, 50), 1e-12);
        assertEquals(4, TextureStatistics.percentile(sorted, 100), 1e-12);
        assertEquals(1, Arrays.stream(TextureStatistics.kernel(2, 0)).sum(), 1e-12);
        assertEquals(17, TextureStatistics.kernel(2, 1).length);
    }

    @Test
    void refusesAPatchOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextureStatistics.of(new float[100], SIDE));
        assertTrue(e.getMessage().contains("112x112"), e.getMessage());
    }
}
