package org.clanet.workbench.dataset.synthetic;

import java.util.List;

/**
 * One time-lapse sequence to generate: one position (well) of one batch of one line.
 *
 * @param line      the cell line
 * @param lineIndex 0-based index of the line in the run
 * @param batch     the batch and its effects
 * @param position  0-based position within the batch
 * @param well      well token, e.g. {@code G7}
 * @param minutes   time since seeding of each image, ascending
 */
public record SequencePlan(CellLineProfile line, int lineIndex, BatchConditions batch, int position, String well,
                           List<Integer> minutes) {

    public SequencePlan {
        minutes = List.copyOf(minutes);
    }

    /** Folder of this sequence relative to the output root: {@code LINE/batch_k}. */
    public String folder() {
        return line.name() + "/batch_" + batch.index();
    }

    /** File name of image {@code k}, e.g. {@code VID1709_G7_1_02d12h00m.jpg}. */
    public String fileName(int k) {
        return "VID" + batch.experimentId() + "_" + well + "_1_" + SyntheticNames.timeToken(minutes.get(k)) + ".jpg";
    }

    /** Relative path of image {@code k}. */
    public String relativePath(int k) {
        return folder() + "/" + fileName(k);
    }
}
