package org.clanet.workbench.app.navigator;

import java.util.List;
import org.clanet.workbench.dataset.Sequence;

/**
 * One row of the navigator tree: the dataset, a cell line, a batch or a sequence (flask position).
 *
 * @param detail   secondary text, e.g. "22 frames · 84 h"
 * @param sequence the sequence of a {@link Kind#SEQUENCE} row, else null
 */
public record NavigatorNode(Kind kind, String id, String label, String detail, Sequence sequence,
                            List<NavigatorNode> children) {

    public enum Kind { DATASET, CELL_LINE, BATCH, SEQUENCE }

    public NavigatorNode {
        children = List.copyOf(children);
    }

    @Override
    public String toString() {
        return label;
    }
}
