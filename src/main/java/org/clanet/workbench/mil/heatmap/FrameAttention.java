package org.clanet.workbench.mil.heatmap;

import java.util.List;

/**
 * The attention of one frame of a sequence: its patches, in any order.
 *
 * @param index   position of the frame in the sequence (time order)
 * @param name    the frame's name as shown and exported (file name or relative path)
 * @param width   width of the pixel space the patch boxes are in (the processed image)
 * @param height  height of that space
 * @param patches the frame's patches with their attention
 */
public record FrameAttention(int index, String name, int width, int height, List<PatchAttention> patches) {

    public FrameAttention {
        patches = List.copyOf(patches);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, was " + width + "x" + height);
        }
    }

    /** The frame's summed attention (what the frame strip shows). */
    public double summed() {
        double s = 0;
        for (PatchAttention p : patches) {
            s += p.attention();
        }
        return s;
    }

    /** The topmost patch at the point (the highest attention where boxes overlap), or null. */
    public PatchAttention at(double px, double py) {
        PatchAttention best = null;
        for (PatchAttention p : patches) {
            if (p.contains(px, py) && (best == null || p.attention() > best.attention())) {
                best = p;
            }
        }
        return best;
    }
}
