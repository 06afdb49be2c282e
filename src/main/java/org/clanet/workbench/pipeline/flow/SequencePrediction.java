package org.clanet.workbench.pipeline.flow;

import java.util.List;
import java.util.Map;

/**
 * One sequence's prediction as stored and shown: the top lines with probabilities, the open-set verdict, QC
 * warnings, and every instance of the bag (frame, patch rank, attention) in bag order.
 *
 * @param trueLine the dataset's label, or null for unlabelled data
 */
public record SequencePrediction(String model, String sequence, String display, String trueLine, String batch,
                                 List<LineProbability> top, Map<String, Double> probabilities, boolean unknown,
                                 String unknownReason, List<String> warnings, List<Instance> instances) {

    public record LineProbability(String line, double probability) {
    }

    /** @param rank 1-based patch rank within its frame */
    public record Instance(String frame, int rank, double attention) {
    }

    public SequencePrediction {
        top = List.copyOf(top);
        probabilities = Map.copyOf(probabilities);
        warnings = List.copyOf(warnings);
        instances = List.copyOf(instances);
    }

    /** The predicted line (the top one), whatever the open-set verdict. */
    public String predicted() {
        return top.isEmpty() ? null : top.get(0).line();
    }

    /** Whether a labelled sequence was predicted right (and not called unknown). */
    public Boolean correct() {
        return trueLine == null ? null : !unknown && trueLine.equals(predicted());
    }
}
