package org.clanet.workbench.imaging;

import java.util.Objects;

/**
 * A single-channel image as floats in [0,1], row-major, as METHOD.md §1 takes it.
 *
 * @param width      columns
 * @param height     rows
 * @param pixels     width*height values in [0,1]; index = y * width + x
 * @param sourceBits bit depth of the file it came from (8 or 16), or 32 when the values are computed floats
 *                   (e.g. after a resize); lets stages that must mirror the published integer arithmetic
 *                   recover the original code values exactly
 */
public record GrayImage(int width, int height, float[] pixels, int sourceBits) {

    public GrayImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + (width * height) + " pixels, got " + pixels.length);
        }
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    /** True when the values are integer codes of an 8- or 16-bit file divided by {@link #sourceMax()}. */
    public boolean integerCoded() {
        return sourceBits == 8 || sourceBits == 16;
    }

    /** Largest code value of the source file's bit depth (255 or 65535), 1 for computed floats. */
    public int sourceMax() {
        return integerCoded() ? (1 << sourceBits) - 1 : 1;
    }
}
