package org.clanet.workbench.dataset;

import java.util.List;

/** One experimental batch of a cell line (a flask seeded on one occasion); its name may span folders. */
public record Batch(String cellLine, String name, List<Sequence> sequences) {

    public Batch {
        sequences = List.copyOf(sequences);
    }

    public int imageCount() {
        return sequences.stream().mapToInt(Sequence::size).sum();
    }
}
