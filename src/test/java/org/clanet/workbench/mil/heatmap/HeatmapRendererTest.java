package org.clanet.workbench.mil.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch and smooth rendering: colours, transparency, overlaps, edges, downsampling. */
class HeatmapRendererTest {

    private static final AttentionScale UNIT = new AttentionScale(ScaleMode.RAW, 0, 1);

    private static FrameAttention frame(int w, int h, PatchAttention... ps) {
        return new FrameAttention(0, "f0", w, h, List.of(ps));
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    @Test
    void patchModeFillsEachBoxWithItsColourAtTheStyleAlpha() {
        FrameAttention f = frame(100, 80, new PatchAttention(0, 10, 10, 20, 20, 0.9, 0.75));
        HeatmapStyle st = HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES);
        HeatmapRaster r = HeatmapRenderer.render(f, UNIT, st, 1024);
        assertEquals(100, r.width());
        assertEquals(80, r.height());
        int expected = ColorMap.VIRIDIS.argb(0.75, (int) Math.round(0.4 * 255));
        assertEquals(expected, r.get(10, 10));
        assertEquals(expected, r.get(29, 29));
        assertEquals(0, r.get(30, 20), "right of the box");
        assertEquals(0, r.get(9, 20), "left of the box");
        assertEquals(0, r.get(70, 60), "no patch");
    }

    @Test
    void belowThresholdIsTransparentInBothModes() {
        FrameAttention f = frame(120, 60, new PatchAttention(0, 0, 0, 40, 40, 1, 0.05),
                new PatchAttention(1, 70, 10, 40, 40, 1, 0.9));
        for (RenderMode m : RenderMode.values()) {
            HeatmapRaster r = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT.withRenderMode(m), 1024);
            assertEquals(0, r.get(20, 20), m + ": attention 0.05 < threshold 0.1");
            assertTrue(alpha(r.get(90, 30)) > 0, m + ": attention 0.9 shown");
        }
        HeatmapRaster low = HeatmapRenderer.render(f, UNIT,
                HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES).withThreshold(0), 1024);
        assertNotEquals(0, low.get(20, 20), "threshold 0 shows it");
    }

    @Test
    void smoothModeHasNoBlockyEdgesAndFadesOutsideTheBoxes() {
        FrameAttention f = frame(200, 100, new PatchAttention(0, 50, 30, 40, 40, 1, 0.8));
        HeatmapRaster patches = HeatmapRenderer.render(f, UNIT,
                HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES), 1024);
        HeatmapRaster smooth = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT, 1024);
        int y = 50;
        assertEquals(102, maxAlphaStep(patches, y), "patch mode: one step from 0 to alpha at the edge");
        assertTrue(maxAlphaStep(smooth, y) <= 25, "smooth step " + maxAlphaStep(smooth, y));
        assertTrue(alpha(smooth.get(92, y)) > 0, "smooth spills a little past the box edge");
        assertEquals(0, smooth.get(150, y), "and is transparent far away");
        // in the box's middle the colour is the patch's own value (normalised convolution, no darkening)
        assertEquals(ColorMap.VIRIDIS.rgb(0.8), smooth.get(70, 50) & 0xffffff);
        assertEquals(102, alpha(smooth.get(70, 50)));
    }

    @Test
    void overlappingBoxesCombineByMax() {
        FrameAttention f = frame(200, 200, new PatchAttention(0, 20, 20, 100, 100, 1, 0.3),
                new PatchAttention(1, 60, 60, 100, 100, 1, 0.6));
        HeatmapRaster boxes = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES),
                1024);
        assertEquals(ColorMap.VIRIDIS.rgb(0.6), boxes.get(100, 100) & 0xffffff, "overlap shows the max, not 0.9");
        assertEquals(ColorMap.VIRIDIS.rgb(0.3), boxes.get(30, 30) & 0xffffff, "the lower patch alone");
        HeatmapRaster smooth = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT, 1024);
        int highest = 0;
        for (int p : smooth.argb()) {
            highest = Math.max(highest, tableIndex(p));
        }
        assertEquals(ColorMap.index(0.6), highest, "no pixel above the larger attention (a sum would reach 0.9)");
        // blurred, so within a few entries of the patch values
        assertEquals(ColorMap.index(0.6), tableIndex(smooth.get(110, 110)), 4, "overlap, away from the edges");
        assertEquals(ColorMap.index(0.3), tableIndex(smooth.get(25, 25)), 4, "the lower patch alone");
    }

    /** The colour map entry of a pixel's colour. */
    private static int tableIndex(int argb) {
        if (alpha(argb) == 0) {
            return -1;
        }
        for (int i = 0; i < ColorMap.SIZE; i++) {
            if (ColorMap.VIRIDIS.entry(i) == (argb & 0xffffff)) {
                return i;
            }
        }
        throw new AssertionError("not a viridis colour: " + Integer.toHexString(argb));
    }

    @Test
    void alphaAndColourMapFollowTheStyle() {
        FrameAttention f = frame(50, 50, new PatchAttention(0, 0, 0, 50, 50, 1, 1));
        HeatmapRaster r = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES)
                .withAlpha(1).withColorMap(ColorMap.INFERNO), 1024);
        assertEquals(0xfffcffa4, r.get(25, 25));
    }

    @Test
    void bigFramesAreRenderedDownsampledCoveringTheWholeFrame() {
        FrameAttention f = frame(2816, 2080, new PatchAttention(0, 2000, 1500, 224, 224, 1, 1));
        HeatmapRaster r = HeatmapRenderer.render(f, UNIT, HeatmapStyle.DEFAULT, 1024);
        assertEquals(1024, r.width());
        assertEquals(756, r.height());
        assertTrue(alpha(r.atFrame(2112, 1612)) > 0, "the patch lands where it is in the frame");
        assertEquals(0, r.atFrame(500, 500));
    }

    @Test
    void emptyFrameIsFullyTransparent() {
        HeatmapRaster r = HeatmapRenderer.render(frame(64, 48), UNIT, HeatmapStyle.DEFAULT, 1024);
        for (int p : r.argb()) {
            assertEquals(0, p);
        }
    }

    @Test
    void topmostPatchAtAPointIsTheMostAttended() {
        PatchAttention a = new PatchAttention(0, 0, 0, 50, 50, 0.9, 0.1);
        PatchAttention b = new PatchAttention(3, 25, 25, 50, 50, 0.7, 0.4);
        FrameAttention f = frame(100, 100, a, b);
        assertEquals(b, f.at(30, 30));
        assertEquals(a, f.at(10, 10));
        assertEquals(null, f.at(90, 5));
        assertEquals(0.5, f.summed(), 1e-12);
    }

    private static int maxAlphaStep(HeatmapRaster r, int y) {
        int max = 0;
        for (int x = 1; x < r.width(); x++) {
            max = Math.max(max, Math.abs(alpha(r.get(x, y)) - alpha(r.get(x - 1, y))));
        }
        return max;
    }
}
