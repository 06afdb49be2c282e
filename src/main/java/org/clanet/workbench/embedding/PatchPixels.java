package org.clanet.workbench.embedding;

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
}
