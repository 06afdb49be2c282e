package org.clanet.workbench.imaging;

import java.nio.file.Path;

/** A frame whose size, read from its header, exceeds the pixel limit: refused before a byte is decoded. */
public final class ImageTooLargeException extends ImageReadException {

    private final long limit;

    public ImageTooLargeException(Path file, int width, int height, long limit) {
        super(file, "image too large for selection (" + width + "×" + height + ", limit "
                + ImageLimits.describe(limit) + "; set by clanet select --max-pixels, -D" + ImageLimits.PROPERTY
                + " or the heap size -Xmx)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
