package org.clanet.workbench.imaging;

import java.util.Locale;

/**
 * How many pixels one frame may have before {@link ImageLoader#loadGray} refuses it, so a huge file fails with a
 * reason instead of an {@code OutOfMemoryError}. The limit is {@value #PROPERTY} when set (a number, {@code 40M}
 * or {@code 8000x6000}), else the JVM's max heap divided by what selecting one pixel costs at peak
 * ({@link #SELECTION_BYTES_PER_PIXEL}, measured: README, "Limits") times {@link #CONCURRENT_FRAMES}, so a few
 * frames that size can be in flight on worker threads at once.
 */
public final class ImageLimits {

    public static final String PROPERTY = "clanet.maxImagePixels";

    /**
     * Peak heap per pixel while one frame is decoded and selected, rounded up from a measurement: a 4224×3120
     * (13.2 MP) frame selects with -Xmx900m and runs out of memory with -Xmx800m, about 65 bytes per pixel
     * (README, "Limits").
     */
    public static final long SELECTION_BYTES_PER_PIXEL = 80;

    /** Frames of the largest allowed size the default leaves room for at once. */
    public static final int CONCURRENT_FRAMES = 2;

    /** Pixels a preview for the viewer holds at most: bigger files are subsampled while decoding. */
    public static final long PREVIEW_PIXELS = 16L << 20;

    private ImageLimits() {
    }

    /** The per-frame limit for selection: the system property, else derived from the max heap. */
    public static long maxSelectionPixels() {
        String v = System.getProperty(PROPERTY);
        if (v != null && !v.isBlank()) {
            return parse(v);
        }
        return fromHeap(Runtime.getRuntime().maxMemory());
    }

    /** The default limit for a given max heap (what {@link #maxSelectionPixels()} uses without the property). */
    public static long fromHeap(long maxHeapBytes) {
        return Math.max(1, maxHeapBytes / (SELECTION_BYTES_PER_PIXEL * CONCURRENT_FRAMES));
    }

    /** {@code 40000000}, {@code 40M}, {@code 1.5G} or {@code 8000x6000} as a pixel count. */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('×', 'x').replace("_", "");
        try {
            int x = t.indexOf('x');
            if (x > 0) {
                return positive(Long.parseLong(t.substring(0, x).trim()) * Long.parseLong(t.substring(x + 1).trim()), text);
            }
            double scale = 1;
            if (t.endsWith("k")) {
                scale = 1e3;
            } else if (t.endsWith("m") || t.endsWith("mp")) {
                scale = 1e6;
            } else if (t.endsWith("g")) {
                scale = 1e9;
            }
            String digits = t.replaceAll("[kmgp]+$", "");
            return positive((long) (Double.parseDouble(digits) * scale), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a pixel count: '" + text + "' (e.g. 40000000, 40M or 8000x6000)");
        }
    }

    private static long positive(long v, String text) {
        if (v <= 0) {
            throw new IllegalArgumentException("pixel limit must be positive: '" + text + "'");
        }
        return v;
    }

    /** "24.1 MP (about 4912×4912)". */
    public static String describe(long pixels) {
        long side = (long) Math.floor(Math.sqrt((double) pixels));
        return String.format(Locale.ROOT, "%.1f MP, about %d×%d", pixels / 1e6, side, side);
    }
}
