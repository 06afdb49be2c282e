package org.clanet.workbench.workspace;

import java.util.Objects;

/**
 * Metadata of one frame as the dataset scan found it. Text fields may be null (a flat folder has no cell
 * line or batch); numbers use -1 for unknown so the record stays primitive.
 *
 * @param relPath     path relative to the dataset root, '/' separators; the frame's identity
 * @param timeMinutes minutes since the start of the sequence
 */
public record StoredFrame(String relPath, String cellLine, String batch, String sequenceKey, long timeMinutes,
                          int width, int height, int bitDepth, String well) {

    /** A frame without a well token. */
    public StoredFrame(String relPath, String cellLine, String batch, String sequenceKey, long timeMinutes,
                       int width, int height, int bitDepth) {
        this(relPath, cellLine, batch, sequenceKey, timeMinutes, width, height, bitDepth, null);
    }

    public StoredFrame {
        Objects.requireNonNull(relPath, "relPath");
        if (relPath.isBlank()) {
            throw new IllegalArgumentException("frame path is empty");
        }
    }
}
