package org.clanet.workbench.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.clanet.workbench.imaging.GrayImage;
import org.junit.jupiter.api.Test;

/** Synthetic images drawn here, and bad inputs: never an exception, always a clear result. */
class PatchSelectorTest {

    private static final SelectionParameters P = SelectionParameters.defaults();

    /** Dark textured discs ("cells") on a bright noisy background, as 8-bit codes. */
    static GrayImage cells(int w, int h, int count, long seed) {
        Random rnd = new Random(seed);
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (180 + rnd.nextInt(9)) / 255f;
        }
        for (int k = 0; k < count; k++) {
            int cx = 30 + rnd.nextInt(w - 60);
            int cy = 30 + rnd.nextInt(h - 60);
            int r = 12 + rnd.nextInt(20);
            for (int y = Math.max(0, cy - r); y < Math.min(h, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(w, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        px[y * w + x] = (60 + rnd.nextInt(60)) / 255f;
                    }
                }
            }
        }
        return new GrayImage(w, h, px, 8);
    }

    static GrayImage constant(int w, int h, float v) {
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, v);
        return new GrayImage(w, h, px, 8);
    }

    @Test
    void findsCellsAndSelectsPatches() {
        GrayImage img = cells(704, 520, 40, 1);
        SelectionResult r = PatchSelector.select(img, P);
        assertEquals(704 * 520, r.mask().length);
        assertTrue(r.maskFraction() > 0.05 && r.maskFraction() < 0.9, "mask fraction " + r.maskFraction());
        assertTrue(r.info().integerCodes());
        List<Patch> ps = r.patches();
        assertFalse(ps.isEmpty());
        assertTrue(ps.size() <= 20);
        for (int i = 0; i < ps.size(); i++) {
            Patch p = ps.get(i);
            assertEquals(i, p.rank());
            assertEquals(112, p.w());
            assertEquals(112, p.h());
            assertTrue(p.x() >= 0 && p.y() >= 0 && p.x() + 112 <= 704 && p.y() + 112 <= 520, p.toString());
            assertTrue(p.confluency() > 0 && p.confluency() <= 1);
            if (i > 0) {
                assertTrue(ps.get(i - 1).confluency() >= p.confluency(), "rank order by confluency");
            }
        }
        // the mask is 0/255 and its border row is empty (scipy's erosion with border value 0)
        for (byte b : r.mask()) {
            assertTrue(b == 0 || b == (byte) 255);
        }
        for (int x = 0; x < 704; x++) {
            assertEquals(0, r.mask()[x]);
        }
        // deterministic
        SelectionResult again = new PatchSelector().process(img, P);
        assertEquals(r.patches(), again.patches());
    }

    @Test
    void blankAndSaturatedFramesGiveEmptyResultsWithReasons() {
        for (float v : new float[] {0f, 1f, 0.5f}) {
            SelectionResult r = PatchSelector.select(constant(300, 200, v), P);
            assertTrue(r.patches().isEmpty());
            assertTrue(r.note().isPresent());
            assertTrue(r.note().get().contains("blank") && r.note().get().contains("no cells"), r.note().get());
            assertEquals(0.0, r.maskFraction());
        }
    }

    @Test
    void imagesSmallerThanAPatchAreReportedNotThrown() {
        SelectionResult r = PatchSelector.select(cells(100, 90, 3, 2), P);
        assertTrue(r.patches().isEmpty());
        assertTrue(r.note().orElseThrow().contains("smaller than a 112x112 patch"), r.note().get());
        assertEquals(100 * 90, r.mask().length);
        SelectionResult tiny = PatchSelector.select(constant(1, 1, 0.3f), P);
        assertTrue(tiny.patches().isEmpty());
        assertTrue(tiny.note().isPresent());
        SelectionResult line = PatchSelector.select(cells(2000, 2, 0, 3), P);
        assertTrue(line.note().isPresent());
    }

    @Test
    void exactlyOnePatchWideWorks() {
        SelectionResult r = PatchSelector.select(cells(112, 112, 3, 4), P);
        for (Patch p : r.patches()) {
            assertEquals(0, p.x());
            assertEquals(0, p.y());
        }
    }

    @Test
    void pureNoiseAndFloatAnd16BitImagesDoNotThrow() {
        Random rnd = new Random(5);
        float[] px = new float[400 * 300];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextFloat();
        }
        SelectionResult noise = PatchSelector.select(new GrayImage(400, 300, px, 8), P);
        assertFalse(noise.info().integerCodes(), "random floats are not 8-bit codes");
        GrayImage c = cells(400, 300, 15, 6);
        float[] p16 = new float[c.pixels().length];
        for (int i = 0; i < p16.length; i++) {
            p16[i] = Math.round(c.pixels()[i] * 65535f) / 65535f;
        }
        SelectionResult r16 = PatchSelector.select(new GrayImage(400, 300, p16, 16), P);
        assertTrue(r16.info().integerCodes());
        assertFalse(r16.patches().isEmpty());
        SelectionResult asFloat = PatchSelector.select(c, P.with("grayCodes", "float"));
        assertFalse(asFloat.info().integerCodes());
        assertFalse(asFloat.patches().isEmpty());
    }

    @Test
    void cellsBrighterThanBackgroundInvertThePolarity() {
        GrayImage dark = cells(400, 300, 20, 8);
        float[] inv = new float[dark.pixels().length];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = Math.round((1f - dark.pixels()[i]) * 255f) / 255f;
        }
        SelectionResult a = PatchSelector.select(dark, P);
        SelectionResult b = PatchSelector.select(new GrayImage(400, 300, inv, 8), P);
        assertTrue(a.maskFraction() > 0.02 && b.maskFraction() > 0.02);
        assertTrue(Math.abs(a.maskFraction() - b.maskFraction()) < 0.5);
    }

    @Test
    void parametersChangeTheResult() {
        GrayImage img = cells(704, 520, 40, 9);
        SelectionResult a = PatchSelector.select(img, P);
        SelectionResult b = PatchSelector.select(img, P.with("finalRegion", "5").with("patchSize", "64"));
        assertTrue(b.patches().size() <= 5);
        b.patches().forEach(p -> assertEquals(64, p.w()));
        assertFalse(a.patches().equals(b.patches()));
    }
}
