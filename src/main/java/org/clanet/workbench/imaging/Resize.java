package org.clanet.workbench.imaging;

/** Image resampling as scikit-image's {@code resize(order=1)} does it (pixel centres aligned). */
public final class Resize {

    private Resize() {
    }

    /**
     * Bilinear resampling. For upscaling this equals skimage's {@code resize(..., anti_aliasing=True)}, whose
     * Gaussian pre-filter has sigma 0 when the image grows.
     */
    public static GrayImage bilinear(GrayImage src, int width, int height) {
        float[] in = src.pixels();
        float[] out = new float[width * height];
        double sx = (double) src.width() / width;
        double sy = (double) src.height() / height;
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            double c = clamp((x + 0.5) * sx - 0.5, src.width() - 1);
            x0[x] = (int) Math.floor(c);
            x1[x] = Math.min(x0[x] + 1, src.width() - 1);
            fx[x] = (float) (c - x0[x]);
        }
        for (int y = 0; y < height; y++) {
            double r = clamp((y + 0.5) * sy - 0.5, src.height() - 1);
            int y0 = (int) Math.floor(r);
            int y1 = Math.min(y0 + 1, src.height() - 1);
            float fy = (float) (r - y0);
            int row0 = y0 * src.width();
            int row1 = y1 * src.width();
            for (int x = 0; x < width; x++) {
                float top = in[row0 + x0[x]] + (in[row0 + x1[x]] - in[row0 + x0[x]]) * fx[x];
                float bottom = in[row1 + x0[x]] + (in[row1 + x1[x]] - in[row1 + x0[x]]) * fx[x];
                out[y * width + x] = top + (bottom - top) * fy;
            }
        }
        return new GrayImage(width, height, out, src.sourceBits());
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
