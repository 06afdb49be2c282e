package org.clanet.workbench.app.viewer;

import org.clanet.workbench.imaging.GrayImage;

/**
 * Display-only mapping of gray values in [0,1] to screen gray: a window [low, high] (auto levels or the full
 * range), then brightness (added, -1..1) and contrast (multiplied around mid-gray). Never changes the data.
 */
public record DisplayMapping(float low, float high, double brightness, double contrast) {

    public static final DisplayMapping IDENTITY = new DisplayMapping(0, 1, 0, 1);

    /** Screen gray 0..255 of a value. */
    public int gray(float v) {
        double w = (v - low) / Math.max(1e-6, high - low);
        double out = (w - 0.5) * contrast + 0.5 + brightness;
        return (int) Math.max(0, Math.min(255, out * 255 + 0.5));
    }

    /** The whole image as opaque ARGB pixels, through a 4096-entry lookup table. */
    public int[] toArgb(GrayImage img, int[] reuse) {
        int[] lut = new int[4096];
        for (int i = 0; i < lut.length; i++) {
            int g = gray(i / 4095f);
            lut[i] = 0xff000000 | g << 16 | g << 8 | g;
        }
        float[] px = img.pixels();
        int[] out = reuse != null && reuse.length == px.length ? reuse : new int[px.length];
        for (int i = 0; i < px.length; i++) {
            float v = px[i];
            int k = v <= 0 ? 0 : v >= 1 ? 4095 : (int) (v * 4095 + 0.5f);
            out[i] = lut[k];
        }
        return out;
    }

    /** The {@code lo} and {@code hi} quantiles (0..1) of an image, from a 4096-bin histogram. */
    public static float[] percentiles(GrayImage img, double lo, double hi) {
        int[] hist = new int[4096];
        float[] px = img.pixels();
        int step = px.length > 1_000_000 ? 4 : 1;
        int n = 0;
        for (int i = 0; i < px.length; i += step) {
            float v = px[i];
            hist[v <= 0 ? 0 : v >= 1 ? 4095 : (int) (v * 4095)]++;
            n++;
        }
        float a = quantile(hist, n, lo);
        float b = quantile(hist, n, hi);
        if (b - a < 1f / 255) { // flat image: do not blow noise up
            float mid = (a + b) / 2;
            a = Math.max(0, mid - 0.5f);
            b = Math.min(1, mid + 0.5f);
            if (b - a < 1) {
                a = 0;
                b = 1;
            }
        }
        return new float[] {a, b};
    }

    private static float quantile(int[] hist, int n, double q) {
        long target = (long) Math.ceil(q * n);
        long acc = 0;
        for (int i = 0; i < hist.length; i++) {
            acc += hist[i];
            if (acc >= Math.max(1, target)) {
                return i / 4095f;
            }
        }
        return 1;
    }
}
