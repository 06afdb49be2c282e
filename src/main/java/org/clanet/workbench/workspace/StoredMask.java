package org.clanet.workbench.workspace;

import java.util.Objects;

/** A frame's 0/255 cell mask as stored: PNG bytes and the size (-1 when read from an older mask file). */
public record StoredMask(int width, int height, byte[] png) {
    public StoredMask {
        Objects.requireNonNull(png, "png");
    }
}
