package org.clanet.workbench.mil.heatmap;

/** How attention values map to the colour map's [0,1]. */
public enum ScaleMode {
    /** 0 .. the sequence's largest attention: comparable across frames, but one outlier patch washes out the rest. */
    RAW("raw"),
    /**
     * The sequence's 2nd .. 98th percentile of patch attention, clipped (default): uses the whole colour range
     * even when attention is nearly uniform, the cure for "all-blue" heatmaps.
     */
    PERCENTILE("percentile");

    private final String label;

    ScaleMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
