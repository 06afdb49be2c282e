package org.clanet.workbench.mil.split;

import java.util.List;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Sequence;

/** Split records from a scanned dataset. */
public final class SplitItems {

    private SplitItems() {
    }

    public static SplitItem of(Sequence s) {
        return new SplitItem(s.id(), s.cellLine(), s.batch(), s.well().orElse(s.key()));
    }

    /** Every sequence of a labelled dataset; an unlabelled one cannot be split. */
    public static List<SplitItem> of(Dataset dataset) {
        if (!dataset.labelled()) {
            throw new IllegalArgumentException(dataset.root() + " is a flat folder of unlabelled images: training"
                    + " needs LINE/batch_k/images");
        }
        return dataset.sequences().map(SplitItems::of).toList();
    }
}
