package org.clanet.workbench.mil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.mil.bag.Bag;

/**
 * Prediction for new sequences in the shape {@code clanet predict --json} prints: top-k lines, every line's
 * probability, the open-set verdict, QC warnings, and every instance of the bag in bag order with its frame,
 * patch rank and attention weight; batch level = the mean probability row of a batch's sequences.
 */
public final class MilPredictor {

    private MilPredictor() {
    }

    public record LineProbability(String line, double probability) {
    }

    public record InstanceAttention(String frame, int rank, double attention) {
    }

    /** {@code unknownReason} is empty for a known line; {@code warnings} are the QC warnings. */
    public record SequencePrediction(String sequence, String batch, List<LineProbability> top,
                                     Map<String, Double> probabilities, boolean unknown, String unknownReason,
                                     List<String> warnings, List<InstanceAttention> instances) {
    }

    public record BatchPrediction(String batch, List<LineProbability> top, Map<String, Double> probabilities,
                                  int sequences) {
    }

    /**
     * @param openSet calibration, or null for no open-set verdict
     * @param qc      training ranges, or null for no QC
     */
    public static SequencePrediction predict(MilModel model, Bag bag, OpenSet.Calibration openSet, BatchQc qc,
                                             int topK) {
        MilOutput out = model.predict(bag.instances());
        Map<String, Double> probs = probabilities(model.classes(), out.probabilities());
        OpenSet.Verdict v = openSet == null ? null : openSet.judge(out);
        List<InstanceAttention> inst = new ArrayList<>();
        List<Bag.InstanceRef> refs = bag.instanceRefs();
        for (int i = 0; i < refs.size(); i++) {
            inst.add(new InstanceAttention(refs.get(i).frame(), refs.get(i).rank(), out.attention()[i]));
        }
        return new SequencePrediction(bag.sequenceId(), bag.batch(), top(probs, topK), probs,
                v != null && v.unknown(), v == null ? "" : v.reason(), qc == null ? List.of() : qc.warnings(bag.hours()),
                inst);
    }

    /** Per batch (in first-seen order), the mean of its sequences' probability rows. */
    public static List<BatchPrediction> batches(List<SequencePrediction> sequences, int topK) {
        Map<String, List<SequencePrediction>> groups = new LinkedHashMap<>();
        for (SequencePrediction s : sequences) {
            groups.computeIfAbsent(s.batch(), k -> new ArrayList<>()).add(s);
        }
        List<BatchPrediction> out = new ArrayList<>();
        for (Map.Entry<String, List<SequencePrediction>> g : groups.entrySet()) {
            Map<String, Double> mean = new LinkedHashMap<>();
            for (SequencePrediction s : g.getValue()) {
                s.probabilities().forEach((line, p) -> mean.merge(line, p / g.getValue().size(), Double::sum));
            }
            out.add(new BatchPrediction(g.getKey(), top(mean, topK), mean, g.getValue().size()));
        }
        return out;
    }

    private static Map<String, Double> probabilities(List<String> classes, double[] p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            m.put(classes.get(i), p[i]);
        }
        return m;
    }

    /** The k most probable lines; ties keep class order. */
    private static List<LineProbability> top(Map<String, Double> probs, int k) {
        return probs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(k).map(e -> new LineProbability(e.getKey(), e.getValue())).toList();
    }
}
