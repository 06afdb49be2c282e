package org.clanet.workbench.mil.sampling;

import java.util.Arrays;

/**
 * One training draw of time-series segment sampling: the frames an epoch trains on and the bag's loss weight.
 *
 * @param epoch  0-based epoch
 * @param g      segment length in hours drawn for this epoch (warm-up epochs report round(E))
 * @param frames 0-based frame indices into the sequence, sorted ascending, never empty
 * @param weight the sample weight: 1 for the whole sequence, else n/N + clipped sparsity
 */
public record Snippet(int epoch, int g, int[] frames, double weight) {

    public Snippet {
        frames = frames.clone();
        if (frames.length == 0) {
            throw new IllegalArgumentException("a snippet needs at least one frame");
        }
    }

    @Override
    public int[] frames() {
        return frames.clone();
    }

    public int size() {
        return frames.length;
    }

    /** True when the snippet is the whole sequence of {@code sequenceLength} frames. */
    public boolean whole(int sequenceLength) {
        return frames.length == sequenceLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snippet s && s.epoch == epoch && s.g == g && Arrays.equals(s.frames, frames)
                && Double.compare(s.weight, weight) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * epoch + g) + Arrays.hashCode(frames)) + Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "Snippet[epoch=" + epoch + ", g=" + g + ", frames=" + Arrays.toString(frames) + ", weight=" + weight
                + "]";
    }
}
