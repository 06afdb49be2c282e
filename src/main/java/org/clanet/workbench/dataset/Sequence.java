package org.clanet.workbench.dataset;

import java.util.List;
import java.util.Optional;

/**
 * One flask position followed over time: all frames of one cell line and batch whose names are equal once
 * the timepoint is removed, in time order. One MIL bag.
 *
 * @param key         the file name without its timepoint (unique within the batch)
 * @param displayName the well (e.g. "G7"), or the key where the well alone is ambiguous
 */
public record Sequence(String cellLine, String batch, String key, String displayName, Optional<String> well,
                       List<Frame> frames) {

    public Sequence {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one frame");
        }
    }

    /** Unique within a dataset: cell line / batch / key. */
    public String id() {
        return cellLine + "/" + batch + "/" + key;
    }

    public int size() {
        return frames.size();
    }

    public Timepoint first() {
        return frames.get(0).time();
    }

    public Timepoint last() {
        return frames.get(frames.size() - 1).time();
    }

    public double spanHours() {
        return last().exactHours() - first().exactHours();
    }

    /** Mean gap between consecutive frames in exact hours; 0 for a single frame. */
    public double meanIntervalHours() {
        return frames.size() < 2 ? 0 : spanHours() / (frames.size() - 1);
    }
}
