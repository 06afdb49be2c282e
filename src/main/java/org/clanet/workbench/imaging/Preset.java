package org.clanet.workbench.imaging;

/**
 * How a raw frame becomes the image every stage processes (METHOD.md §0).
 * {@link #AUTO} picks {@link #INCUCYTE_1408x1040} for the imager's two frame sizes and {@link #GENERIC}
 * for anything else.
 */
public enum Preset {
    AUTO("Automatic (by image size)"),
    /** Published Incucyte frames: 1280×944 resized to 1408×1040, then the 150-row banner cut off. */
    INCUCYTE_1408x1040("Incucyte 1408×1040"),
    /** Any other camera: the image unchanged. */
    GENERIC("Generic (no resize, no crop)");

    public static final int INCUCYTE_WIDTH = 1408;
    public static final int INCUCYTE_HEIGHT = 1040;
    public static final int INCUCYTE_SMALL_WIDTH = 1280;
    public static final int INCUCYTE_SMALL_HEIGHT = 944;
    public static final int INCUCYTE_BANNER_ROWS = 150;

    private final String label;

    Preset(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The concrete preset for a frame of this size. */
    public Preset resolve(int width, int height) {
        if (this != AUTO) {
            return this;
        }
        boolean incucyte = (width == INCUCYTE_WIDTH && height == INCUCYTE_HEIGHT)
                || (width == INCUCYTE_SMALL_WIDTH && height == INCUCYTE_SMALL_HEIGHT);
        return incucyte ? INCUCYTE_1408x1040 : GENERIC;
    }

    /** Width and height of the processed image for a raw frame of this size. */
    public int[] outputSize(int width, int height) {
        return switch (resolve(width, height)) {
            case INCUCYTE_1408x1040 -> new int[] {INCUCYTE_WIDTH, INCUCYTE_HEIGHT - INCUCYTE_BANNER_ROWS};
            default -> new int[] {width, height};
        };
    }

    public GrayImage apply(GrayImage image) {
        return switch (resolve(image.width(), image.height())) {
            case INCUCYTE_1408x1040 -> incucyte(image);
            default -> image;
        };
    }

    private static GrayImage incucyte(GrayImage image) {
        GrayImage full = image;
        if (image.width() == INCUCYTE_SMALL_WIDTH && image.height() == INCUCYTE_SMALL_HEIGHT) {
            full = Resize.bilinear(image, INCUCYTE_WIDTH, INCUCYTE_HEIGHT);
        }
        if (full.width() != INCUCYTE_WIDTH || full.height() != INCUCYTE_HEIGHT) {
            throw new IllegalArgumentException("the Incucyte preset needs a 1408×1040 or 1280×944 frame, this one is "
                    + image.width() + "×" + image.height() + " (use the generic preset)");
        }
        int h = INCUCYTE_HEIGHT - INCUCYTE_BANNER_ROWS;
        float[] cropped = new float[INCUCYTE_WIDTH * h];
        System.arraycopy(full.pixels(), 0, cropped, 0, cropped.length);
        // A resized frame is float data, as in the published code (skimage's resize returns floats).
        int bits = full == image ? image.sourceBits() : 32;
        return new GrayImage(INCUCYTE_WIDTH, h, cropped, bits);
    }
}
