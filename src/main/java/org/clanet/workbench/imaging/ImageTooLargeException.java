package org.clanet.workbench.imaging;

import java.nio.file.Path;

/** A frame whose size, read from its header, exceeds the pixel limit: refused before a byte is decoded. */
public final class ImageTooLargeException extends ImageReadException {

    private final long limit;

    public ImageTooLargeException(Path file, int width, int height, long limit) {
        super(file, "image too large for selection (" + width + "×" + height + ", limit "
                + ImageLimits.describe(limit) + "; raise it with -D" + ImageLimits.PROPERTY
                + "=PIXELS or a larger -Xmx)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
