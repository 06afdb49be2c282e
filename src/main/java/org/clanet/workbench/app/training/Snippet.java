package org.clanet.workbench.app.training;

import java.util.List;

/**
 * One snippet of a sequence sampled for a training epoch by time-series segment sampling (METHOD.md §4).
 *
 * @param epoch     the epoch it was sampled for
 * @param g         segment length in hours (g ≤ round(E): the whole sequence)
 * @param frames    indices of the frames it took, ascending
 * @param weight    its loss weight
 * @param attention the attention the model gave each taken frame (summed over its patches; same order as
 *                  {@code frames}), or null when not recorded
 */
public record Snippet(int epoch, int g, List<Integer> frames, double weight, double[] attention) {

    public Snippet {
        frames = List.copyOf(frames);
        if (attention != null && attention.length != frames.size()) {
            throw new IllegalArgumentException(attention.length + " attention values for " + frames.size()
                    + " frames");
        }
        attention = attention == null ? null : attention.clone();
    }

    /** The attention given to frame index {@code f}, NaN when the snippet did not take it or none was recorded. */
    public double attentionOf(int f) {
        int i = frames.indexOf(f);
        return attention == null || i < 0 ? Double.NaN : attention[i];
    }
}
