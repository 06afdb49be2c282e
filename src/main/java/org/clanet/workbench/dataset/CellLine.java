package org.clanet.workbench.dataset;

import java.util.List;

/** A cell line: the class label of a labelled dataset. */
public record CellLine(String name, List<Batch> batches) {

    public CellLine {
        batches = List.copyOf(batches);
    }

    public int imageCount() {
        return batches.stream().mapToInt(Batch::imageCount).sum();
    }

    public int sequenceCount() {
        return batches.stream().mapToInt(b -> b.sequences().size()).sum();
    }
}
