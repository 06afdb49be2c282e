package org.clanet.workbench.mil.heatmap;

/**
 * A rendered heatmap: non-premultiplied ARGB pixels (0 = transparent) covering the whole frame, possibly at a
 * lower resolution than the frame (drawn stretched over it).
 *
 * @param width       raster columns
 * @param height      raster rows
 * @param frameWidth  width of the pixel space it covers (the patches' space)
 * @param frameHeight height of that space
 * @param argb        width*height pixels, row-major
 */
public record HeatmapRaster(int width, int height, int frameWidth, int frameHeight, int[] argb) {

    public HeatmapRaster {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + argb.length);
        }
    }

    /** The pixel at raster (x, y). */
    public int get(int x, int y) {
        return argb[y * width + x];
    }

    /** The pixel over frame point (fx, fy) of the covered space. */
    public int atFrame(double fx, double fy) {
        int x = (int) Math.min(width - 1, Math.max(0, Math.floor(fx * width / frameWidth)));
        int y = (int) Math.min(height - 1, Math.max(0, Math.floor(fy * height / frameHeight)));
        return get(x, y);
    }
}
