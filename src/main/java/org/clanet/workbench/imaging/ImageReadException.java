package org.clanet.workbench.imaging;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be used; the message names the file and the problem. */
public class ImageReadException extends IOException {

    private final transient Path file;
    private final String reason;

    public ImageReadException(Path file, String reason) {
        this(file, reason, null);
    }

    public ImageReadException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** The problem alone, without the file name. */
    public String reason() {
        return reason;
    }
}
