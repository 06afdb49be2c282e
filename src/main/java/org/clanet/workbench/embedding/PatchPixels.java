package org.clanet.workbench.embedding;

import java.util.SplittableRandom;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.selection.Patch;

/** The encoder's input for a selected patch: its box of the preset's image (the pixels selection saw). */
public final class PatchPixels {

    private PatchPixels() {
    }

    /** The w x h box of {@code p} (112 x 112 for selection's patches), row-major, values in [0,1]. */
    public static float[] crop(GrayImage image, Patch p) {
        if (p.x() < 0 || p.y() < 0 || p.x() + p.w() > image.width() || p.y() + p.h() > image.height()) {
            throw new IllegalArgumentException("patch " + p + " lies outside the " + image.width() + "x"
                    + image.height() + " image");
        }
        float[] out = new float[p.w() * p.h()];
        for (int y = 0; y < p.h(); y++) {
            System.arraycopy(image.pixels(), (p.y() + y) * image.width() + p.x(), out, y * p.w(), p.w());
        }
        return out;
    }

    /**
     * The box's pixels as a size×size patch. Selection boxes are already size×size inside the image (a plain copy);
     * a box of another size (an image smaller than a patch) is resampled to nearest neighbours.
     */
    public static float[] crop(GrayImage img, int x0, int y0, int w, int h, int size) {
        if (w == size && h == size && x0 >= 0 && y0 >= 0 && x0 + w <= img.width() && y0 + h <= img.height()) {
            return crop(img, new Patch(0, x0, y0, w, h, 0));
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int sy = Math.min(img.height() - 1, Math.max(0, y0 + y * h / size));
            for (int x = 0; x < size; x++) {
                int sx = Math.min(img.width() - 1, Math.max(0, x0 + x * w / size));
                out[y * size + x] = img.get(sx, sy);
            }
        }
        return out;
    }

    /**
     * The box (x, y, w, h) shifted by a random offset of up to half its size in x and y, kept inside the image,
     * resampled to size x size like {@link #crop(GrayImage, int, int, int, int, int)}: a jittered view of a
     * selected patch for DINO on small datasets.
     */
    public static float[] jittered(GrayImage img, int x0, int y0, int w, int h, int size, SplittableRandom rng) {
        int cw = Math.min(w, img.width());
        int ch = Math.min(h, img.height());
        int x = Math.max(0, Math.min(img.width() - cw, x0 + rng.nextInt(-cw / 2, cw / 2 + 1)));
        int y = Math.max(0, Math.min(img.height() - ch, y0 + rng.nextInt(-ch / 2, ch / 2 + 1)));
        return crop(img, x, y, cw, ch, size);
    }
}
