package org.clanet.workbench.mil.heatmap;

/**
 * Perceptually uniform colour maps for attention: matplotlib's viridis (default) and inferno, 256 entries each
 * ({@link ColorMapTables}, generated from matplotlib). Uniform lightness steps mean equal attention differences
 * look equally different, unlike the rainbow "jet" maps attention heatmaps are often drawn with.
 */
public enum ColorMap {
    VIRIDIS("viridis", ColorMapTables.VIRIDIS),
    INFERNO("inferno", ColorMapTables.INFERNO);

    public static final int SIZE = 256;

    private final String label;
    private final int[] table;

    ColorMap(String label, int[] table) {
        this.label = label;
        this.table = table;
    }

    /** 0xRRGGBB of {@code t} in [0,1] (clamped; NaN counts as 0), the nearest of the 256 entries. */
    public int rgb(double t) {
        return table[index(t)];
    }

    /** 0xAARRGGBB (not premultiplied) of {@code t} with the given alpha 0..255. */
    public int argb(double t, int alpha) {
        return (Math.max(0, Math.min(255, alpha)) << 24) | table[index(t)];
    }

    /** Table entry {@code i} (0..255) as 0xRRGGBB. */
    public int entry(int i) {
        return table[i];
    }

    static int index(double t) {
        if (!(t > 0)) {
            return 0;
        }
        return t >= 1 ? SIZE - 1 : (int) Math.round(t * (SIZE - 1));
    }

    @Override
    public String toString() {
        return label;
    }
}
