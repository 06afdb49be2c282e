package org.clanet.workbench.dataset.synthetic;

/**
 * One rendered image in memory.
 *
 * @param gray     width*height gray values, row-major
 * @param width    columns
 * @param height   rows
 * @param minutes  time since seeding
 * @param coverage fraction of the image covered by cells (ground-truth confluency)
 * @param cells    number of cells in the image (at least one pixel)
 */
public record RenderedFrame(byte[] gray, int width, int height, int minutes, double coverage, int cells) {

    /** Mean area of a cell in pixels (covered pixels / cells), 0 without cells. */
    public double meanCellArea() {
        return cells == 0 ? 0 : coverage * width * height / cells;
    }
}
