package org.clanet.workbench.mil.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The colour tables hold matplotlib's values; the scales match NumPy's percentiles. */
class ColorMapAndScaleTest {

    @Test
    void viridisAndInfernoEndpointsAndMiddleAreMatplotlibs() {
        // matplotlib 3.6: viridis(0) = (68,1,84), viridis(128) = (33,145,140), viridis(255) = (253,231,37)
        assertEquals(0x440154, ColorMap.VIRIDIS.rgb(0));
        assertEquals(0x21918c, ColorMap.VIRIDIS.entry(128));
        assertEquals(0xfde725, ColorMap.VIRIDIS.rgb(1));
        // inferno(0) = (0,0,4), inferno(128) = (188,55,84), inferno(255) = (252,255,164)
        assertEquals(0x000004, ColorMap.INFERNO.rgb(0));
        assertEquals(0xbc3754, ColorMap.INFERNO.entry(128));
        assertEquals(0xfcffa4, ColorMap.INFERNO.rgb(1));
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(-3), "clamped below");
        assertEquals(ColorMap.VIRIDIS.rgb(1), ColorMap.VIRIDIS.rgb(7), "clamped above");
        assertEquals(ColorMap.VIRIDIS.rgb(0), ColorMap.VIRIDIS.rgb(Double.NaN));
        assertEquals(0x66fde725, ColorMap.VIRIDIS.argb(1, 0x66));
    }

    @Test
    void colourMapsGetLighterMonotonically() {
        for (ColorMap m : ColorMap.values()) {
            double prev = -1;
            for (int i = 0; i < ColorMap.SIZE; i++) {
                int c = m.entry(i);
                double luma = 0.2126 * (c >> 16 & 0xff) + 0.7152 * (c >> 8 & 0xff) + 0.0722 * (c & 0xff);
                assertTrue(luma >= prev - 1.0, m + " entry " + i + " darker than the one before");
                prev = luma;
            }
        }
    }

    @Test
    void percentileScaleIsNumpysLinearPercentile() {
        double[] v = {10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        AttentionScale s = AttentionScale.of(ScaleMode.PERCENTILE, v);
        // numpy.percentile(range(1, 11), [2, 98]) = [1.18, 9.82]
        assertEquals(1.18, s.lo(), 1e-12);
        assertEquals(9.82, s.hi(), 1e-12);
        assertEquals(0, s.normalise(1.0));
        assertEquals(1, s.normalise(10.0));
        assertEquals(0.5, s.normalise(5.5), 1e-12);
        assertTrue(s.describe().startsWith("percentile 2–98 %"), s.describe());
    }

    @Test
    void rawScaleRunsFromZeroToTheMaximum() {
        AttentionScale s = AttentionScale.of(ScaleMode.RAW, new double[] {0.2, 0.05, 0.4});
        assertEquals(0, s.lo());
        assertEquals(0.4, s.hi());
        assertEquals(0.5, s.normalise(0.2), 1e-12);
    }

    @Test
    void percentileScaleSpreadsNearlyUniformAttentionWhereRawWashesItOut() {
        // 99 patches at ~1/100 and one outlier: raw squeezes the 99 into the bottom of the map ("all blue")
        double[] v = new double[100];
        for (int i = 0; i < 99; i++) {
            v[i] = 0.009 + i * 1e-5;
        }
        v[99] = 0.1;
        AttentionScale raw = AttentionScale.of(ScaleMode.RAW, v);
        AttentionScale pct = AttentionScale.of(ScaleMode.PERCENTILE, v);
        assertTrue(raw.normalise(v[90]) < 0.11, "raw: " + raw.normalise(v[90]));
        assertTrue(pct.normalise(v[90]) > 0.85, "percentile: " + pct.normalise(v[90]));
    }

    @Test
    void uniformAttentionIsOneColourNotNothing() {
        AttentionScale s = AttentionScale.of(ScaleMode.PERCENTILE, new double[] {0.25, 0.25, 0.25, 0.25});
        assertEquals(0.5, s.normalise(0.25), "the middle colour: nothing stands out");
        FrameAttention f = new FrameAttention(0, "f", 10, 10, List.of(new PatchAttention(0, 0, 0, 5, 5, 1, 0)));
        assertEquals(0, AttentionScale.of(ScaleMode.RAW, List.of(f)).normalise(0), "all zero stays zero");
    }

    @Test
    void nearlyUniformAttentionIsShownAsUniform() {
        double[] a = new double[80];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1.0 / 80 + (i % 7) * 1e-7;
        }
        AttentionScale s = AttentionScale.of(ScaleMode.PERCENTILE, a);
        org.junit.jupiter.api.Assertions.assertEquals(s.lo(), s.hi(), "no stretching of noise over the colour map");
        org.junit.jupiter.api.Assertions.assertEquals(0.5, s.normalise(a[0]), 1e-12, "one colour");
        org.junit.jupiter.api.Assertions.assertEquals(0.5, s.normalise(a[6]), 1e-12, "the same colour");
        org.junit.jupiter.api.Assertions.assertTrue(s.describe().startsWith("uniform"), s.describe());
        double[] b = {0.01, 0.02, 0.03, 0.04};
        AttentionScale t = AttentionScale.of(ScaleMode.PERCENTILE, b);
        org.junit.jupiter.api.Assertions.assertTrue(t.hi() > t.lo(), "real differences keep their range");
    }
}
