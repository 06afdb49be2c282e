package org.clanet.workbench.pipeline.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.workspace.StoredPatch;
import org.junit.jupiter.api.Test;

/** Jittered DINO crops: how many a preset gets by default, and that each is a shifted patch inside the frame. */
class PretrainingCropsTest {

    @Test
    void autoAddsCropsOnlyForTheCpuPresetOnSmallDatasets() {
        assertEquals(53, Pretraining.autoCropsPerFrame("cpu", 192, 10), "the sample data: 192 frames -> 10,176 crops");
        assertEquals(80, Pretraining.autoCropsPerFrame("cpu", 20, 10), "capped at 80 per frame");
        assertEquals(0, Pretraining.autoCropsPerFrame("cpu", 1000, 10), "10,000 selected patches are enough");
        assertEquals(0, Pretraining.autoCropsPerFrame("small/8", 192, 10), "the published presets train as published");
        assertEquals(0, Pretraining.autoCropsPerFrame("tiny/16", 192, 10));
        assertEquals(0, Pretraining.autoCropsPerFrame("cpu", 0, 10));
    }

    @Test
    void cropsAreShiftedPatchesInsideTheFrameAndSeeded() {
        int w = 300;
        int h = 200;
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = i; // every pixel distinct: a crop's first value gives its position
        }
        GrayImage img = new GrayImage(w, h, px, 8);
        StoredPatch corner = new StoredPatch(1, 0, 0, 112, 112, 0.5);
        Set<Float> origins = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            float[] c = Pretraining.InMemoryPatches.jittered(img, corner, rng);
            assertEquals(112 * 112, c.length);
            int x = (int) c[0] % w;
            int y = (int) c[0] / w;
            assertTrue(x >= 0 && x <= 56 && y >= 0 && y <= 56, "at most half a patch from the box, inside: " + x + "," + y);
            assertEquals(c[0] + 111, c[111], "a plain copy of a 112 x 112 window");
            origins.add(c[0]);
        }
        assertTrue(origins.size() > 50, "shifts vary: " + origins.size());
        float[] a = Pretraining.InMemoryPatches.jittered(img, corner, new SplittableRandom(3));
        float[] b = Pretraining.InMemoryPatches.jittered(img, corner, new SplittableRandom(3));
        assertArrayEquals(a, b, "same seed, same crop (a resumed run loads the same data)");
    }
}
