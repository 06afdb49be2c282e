package org.clanet.workbench.workspace;

/**
 * One selected patch of a frame as stored: its box in frame pixels, its rank among the frame's patches
 * (0 = most confluent) and its confluency (fraction of mask pixels in the box).
 */
public record StoredPatch(int rank, int x, int y, int w, int h, double confluency) {

    public StoredPatch {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0: " + rank);
        }
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("patch size must be positive: " + w + "x" + h);
        }
        if (!(confluency >= 0.0 && confluency <= 1.0)) {
            throw new IllegalArgumentException("confluency must be in [0, 1]: " + confluency);
        }
    }
}
