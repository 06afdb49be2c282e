package org.clanet.workbench.mil.bag;

import java.util.List;

/** One sequence's frames (any order: bags sort them by time) with its line and batch. */
public record SequenceFeatures(String sequenceId, String line, String batch, List<FrameFeatures> frames) {

    public SequenceFeatures {
        frames = List.copyOf(frames);
    }
}
