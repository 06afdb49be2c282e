package org.clanet.workbench.mil.heatmap;

/**
 * One patch of a frame with the attention the MIL model gave it.
 *
 * @param rank       the patch's selection rank (0 = most confluent), as in {@code selection.Patch}
 * @param x          left column, in the pixel space of the image the heatmap covers (see {@link HeatmapRenderer})
 * @param y          top row
 * @param w          width
 * @param h          height
 * @param confluency fraction of mask pixels inside the box
 * @param attention  the gated-attention weight (softmax over the bag's instances), >= 0
 */
public record PatchAttention(int rank, int x, int y, int w, int h, double confluency, double attention) {

    public PatchAttention {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("patch size must be positive, was " + w + "x" + h);
        }
        if (!(attention >= 0) || Double.isInfinite(attention)) {
            throw new IllegalArgumentException("attention must be finite and >= 0, was " + attention);
        }
    }

    /** Whether the image point (px, py) lies in the box (exclusive right/bottom edge). */
    public boolean contains(double px, double py) {
        return px >= x && py >= y && px < x + w && py < y + h;
    }
}
