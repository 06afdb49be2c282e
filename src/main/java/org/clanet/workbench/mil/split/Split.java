package org.clanet.workbench.mil.split;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train / validation / test partition of sequence ids. Validation is always drawn from the training
 * batches' sequences, never from the test batches (the published code validated on its test split).
 *
 * @param kind               {@code batch-separated}, {@code batch-stratified} or {@code published}
 * @param classes            class names, index = label
 * @param trainBatches       per line, the batches that train (batch-separated) or hold training wells
 * @param notes              what was left out or decided, in words (shown to the user)
 */
public record Split(String kind, long seed, double validationFraction, List<String> classes,
                    List<String> train, List<String> validation, List<String> test,
                    Map<String, List<String>> trainBatches, List<String> notes) {

    public Split {
        classes = List.copyOf(classes);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        trainBatches = Map.copyOf(trainBatches);
        notes = List.copyOf(notes);
        Set<String> seen = new java.util.HashSet<>();
        for (List<String> part : List.of(train, validation, test)) {
            for (String id : part) {
                if (!seen.add(id)) {
                    throw new IllegalArgumentException("sequence " + id + " is in two parts of the split");
                }
            }
        }
    }

    public int label(String line) {
        int i = classes.indexOf(line);
        if (i < 0) {
            throw new IllegalArgumentException("line " + line + " is not a class of this split " + classes);
        }
        return i;
    }
}
