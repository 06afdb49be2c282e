package org.clanet.workbench.selection;

/**
 * One selected cell-cluster patch (METHOD.md §2.7).
 *
 * @param rank       0 = most confluent
 * @param x          left column in the processed (preset-applied) image
 * @param y          top row
 * @param w          width (the patch size, 112 by default)
 * @param h          height
 * @param confluency fraction of mask pixels inside the box
 */
public record Patch(int rank, int x, int y, int w, int h, double confluency) {

    /** Intersection over union of two boxes (pixel areas, exclusive max). */
    public double iou(Patch o) {
        int ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        double inter = (double) ix * iy;
        double union = (double) w * h + (double) o.w * o.h - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
