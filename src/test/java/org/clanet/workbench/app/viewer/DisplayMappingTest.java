package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clanet.workbench.imaging.GrayImage;
import org.junit.jupiter.api.Test;

class DisplayMappingTest {

    @Test
    void identityBrightnessContrast() {
        assertEquals(0, DisplayMapping.IDENTITY.gray(0f));
        assertEquals(255, DisplayMapping.IDENTITY.gray(1f));
        assertEquals(128, DisplayMapping.IDENTITY.gray(0.5f));
        assertEquals(255, new DisplayMapping(0, 1, 0.6, 1).gray(0.5f));
        assertEquals(0, new DisplayMapping(0, 1, 0, 4).gray(0.3f));
        assertEquals(128, new DisplayMapping(0, 1, 0, 4).gray(0.5f)); // contrast pivots on mid-gray
    }

    @Test
    void faint16BitImageIsStretchedByAutoLevels() {
        float[] px = new float[100];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0.10f + 0.001f * i; // 0.10 .. 0.199: nearly black as is
        }
        GrayImage g = new GrayImage(10, 10, px, 16);
        float[] lv = DisplayMapping.percentiles(g, 0.0, 1.0);
        assertEquals(0.10, lv[0], 1e-3);
        assertEquals(0.199, lv[1], 1e-3);
        DisplayMapping m = new DisplayMapping(lv[0], lv[1], 0, 1);
        int[] argb = m.toArgb(g, null);
        assertTrue((argb[0] & 0xff) < 5);
        assertTrue((argb[99] & 0xff) > 250);
        assertEquals(0xff000000, argb[0] & 0xff000000);
    }

    @Test
    void flatImageIsNotBlownUp() {
        GrayImage g = new GrayImage(4, 4, new float[16], 8);
        assertArrayEquals(new float[] {0, 1}, DisplayMapping.percentiles(g, 0.01, 0.99));
    }
}
