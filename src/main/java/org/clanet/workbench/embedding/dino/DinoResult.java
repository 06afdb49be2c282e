package org.clanet.workbench.embedding.dino;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of {@link DinoPretrainer#train}.
 *
 * @param finished    all epochs done (false: cancelled, state saved in the checkpoint)
 * @param epochsDone  completed epochs
 * @param encoder     the teacher backbone as a published-name .npz (null if no epoch or checkpoint yet)
 * @param epochLosses mean loss of every completed epoch, from the start of the run (resumes included)
 * @param device      engine and device, e.g. "PyTorch 2.7.1 · CPU"
 */
public record DinoResult(boolean finished, int epochsDone, Path encoder, List<Double> epochLosses, String device) {
}
