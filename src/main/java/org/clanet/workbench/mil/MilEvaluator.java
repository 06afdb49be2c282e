package org.clanet.workbench.mil;

import java.util.ArrayList;
import java.util.List;
import org.clanet.workbench.mil.metrics.Metrics;

/**
 * Evaluates a model on labelled whole sequences as the published notebook does: sequence level, and batch
 * level on the mean probability row of each (line, batch).
 */
public final class MilEvaluator {

    private MilEvaluator() {
    }

    /** One sequence's prediction. */
    public record SequencePrediction(String sequenceId, String line, String batch, int label, int predicted,
                                     double[] probabilities) {
    }

    /** Both levels' figures plus every sequence's prediction and every batch's mean row. */
    public record Report(Metrics.Evaluation sequence, Metrics.Evaluation batch, List<SequencePrediction> sequences,
                         List<Metrics.BatchScore> batches) {
    }

    public static Report evaluate(MilModel model, List<MilTrainer.LabelledBag> bags) {
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no test sequences");
        }
        List<String> classes = model.classes();
        List<SequencePrediction> preds = new ArrayList<>();
        List<Metrics.SequenceScore> scores = new ArrayList<>();
        for (MilTrainer.LabelledBag b : bags) {
            MilOutput out = model.predict(b.bag().instances());
            preds.add(new SequencePrediction(b.bag().sequenceId(), b.bag().line(), b.bag().batch(), b.label(),
                    out.top(), out.probabilities()));
            scores.add(new Metrics.SequenceScore(b.bag().sequenceId(), b.bag().line() + "/" + b.bag().batch(),
                    b.label(), out.probabilities()));
        }
        int[] y = scores.stream().mapToInt(Metrics.SequenceScore::label).toArray();
        double[][] p = scores.stream().map(Metrics.SequenceScore::probabilities).toArray(double[][]::new);
        List<Metrics.BatchScore> batches = Metrics.batchLevel(scores);
        int[] by = batches.stream().mapToInt(Metrics.BatchScore::label).toArray();
        double[][] bp = batches.stream().map(Metrics.BatchScore::probabilities).toArray(double[][]::new);
        return new Report(Metrics.evaluate(classes, y, p), Metrics.evaluate(classes, by, bp), preds, batches);
    }
}
