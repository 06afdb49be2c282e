package org.clanet.workbench.mil.heatmap;

/** How patch attention becomes pixels. */
public enum RenderMode {
    /** Each patch box filled with its colour; where boxes overlap the higher attention is on top. */
    PATCHES("patches"),
    /**
     * Attention splatted into a float map (overlapping boxes combined by max), Gaussian-blurred with OpenCV by
     * normalised convolution: no blocky edges, and a patch's colour stays its own attention (default).
     */
    SMOOTH("smooth");

    private final String label;

    RenderMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
