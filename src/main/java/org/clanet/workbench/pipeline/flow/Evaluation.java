package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.io.AtomicFiles;
import org.clanet.workbench.mil.GatedAttentionMil;
import org.clanet.workbench.mil.MilEvaluator;
import org.clanet.workbench.mil.MilModelFile;
import org.clanet.workbench.mil.MilTrainer;
import org.clanet.workbench.mil.bag.Bag;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.metrics.Metrics;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.Json;

/**
 * Evaluation of a trained model on its own test split (its held-out batches), best and last model, sequence and batch
 * level, as the published notebook computes them; written to the model's folder as JSON and CSV.
 */
public final class Evaluation {

    /** Both models' reports, and what was left out. */
    public record Result(ModelRecord model, MilEvaluator.Report best, MilEvaluator.Report last, int testSequences,
                         List<String> leftOut, Path json, Path csv) {
    }

    private Evaluation() {
    }

    @SuppressWarnings("unchecked")
    public static Result evaluate(Pipeline pipeline, ModelRecord model) throws IOException {
        if (!model.usable()) {
            throw new IllegalArgumentException("model " + model.id() + " has no weights yet (status: "
                    + model.status() + "); finish its training first");
        }
        Map<String, Object> split = (Map<String, Object>) model.document().get("split");
        if (split == null || model.encoderId() == null) {
            throw new IllegalArgumentException("model " + model.id() + " has no test split (an imported model):"
                    + " evaluate needs a model trained here");
        }
        Set<String> testIds = new HashSet<>((List<String>) split.get("test"));
        List<Sequence> test = pipeline.dataset().sequences().filter(s -> testIds.contains(s.id())).toList();
        List<String> leftOut = new ArrayList<>();
        if (test.size() < testIds.size()) {
            leftOut.add((testIds.size() - test.size()) + " test sequence(s) of the split are not in "
                    + pipeline.dataset().root());
        }
        int k = Prediction.intParameter(model, "patchesPerFrame", 10);
        int minFrames = Prediction.intParameter(model, "minFrames", 3);
        int settlingHours = Prediction.intParameter(model, "settlingHours", 0); // models from before it: every frame
        Bags.BagSet set = SequenceBags.bags(pipeline.workspace(), model.encoderId(), test, k, minFrames,
                settlingHours);
        leftOut.addAll(set.leftOut());
        Map<String, Integer> label = new HashMap<>();
        for (int i = 0; i < model.classes().size(); i++) {
            label.put(model.classes().get(i), i);
        }
        List<MilTrainer.LabelledBag> bags = new ArrayList<>();
        for (Bag b : set.bags()) {
            Integer y = label.get(b.line());
            if (y == null) {
                leftOut.add(b.sequenceId() + ": line " + b.line() + " is not a class of the model");
            } else {
                bags.add(new MilTrainer.LabelledBag(b, y));
            }
        }
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no test sequence of model " + model.id() + " is usable here: "
                    + leftOut);
        }
        MilEvaluator.Report best;
        MilEvaluator.Report last;
        try (GatedAttentionMil m = GatedAttentionMil.of(MilModelFile.read(model.best()))) {
            best = MilEvaluator.evaluate(m, bags);
        }
        try (GatedAttentionMil m = GatedAttentionMil.of(MilModelFile.read(model.last()))) {
            last = MilEvaluator.evaluate(m, bags);
        }
        Path json = model.dir().resolve("evaluation.json");
        Path csv = model.dir().resolve("evaluation.csv");
        AtomicFiles.writeString(json, Json.PRETTY.writeValueAsString(document(model, best, last, leftOut)));
        AtomicFiles.writeString(csv, csv(model, best, last));
        return new Result(model, best, last, bags.size(), leftOut, json, csv);
    }

    /** The {@code evaluate --json} document: {@code sequence}/{@code batch} of the best model, {@code last} too. */
    public static Map<String, Object> document(ModelRecord model, MilEvaluator.Report best, MilEvaluator.Report last,
                                               List<String> leftOut) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model.id());
        doc.put("classes", model.classes());
        doc.put("sequence", figures(best.sequence()));
        doc.put("batch", figures(best.batch()));
        doc.put("last", Map.of("sequence", figures(last.sequence()), "batch", figures(last.batch())));
        List<Map<String, Object>> seqs = new ArrayList<>();
        for (MilEvaluator.SequencePrediction p : best.sequences()) {
            seqs.add(Map.of("sequence", p.sequenceId(), "line", p.line(), "batch", p.batch(),
                    "predicted", model.classes().get(p.predicted()), "probabilities", p.probabilities()));
        }
        doc.put("predictions", seqs);
        doc.put("leftOut", leftOut);
        return doc;
    }

    static Map<String, Object> figures(Metrics.Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", e.count());
        m.put("top1", e.top1());
        m.put("top3", e.top3());
        m.put("top5", e.top5());
        m.put("macroF1", e.macroF1());
        m.put("auc", Double.isNaN(e.auc()) ? null : e.auc());
        m.put("aucClasses", e.aucClasses());
        m.put("confusion", e.confusion());
        List<Map<String, Object>> roc = new ArrayList<>();
        for (Metrics.RocCurve c : e.roc()) {
            roc.add(Map.of("class", c.classIndex(), "fpr", c.fpr(), "tpr", c.tpr(), "auc", c.auc()));
        }
        m.put("roc", roc);
        return m;
    }

    static String csv(ModelRecord model, MilEvaluator.Report best, MilEvaluator.Report last) {
        StringBuilder b = new StringBuilder("model,level,n,top1,top3,top5,macro_f1,auc\n");
        row(b, "best", "sequence", best.sequence());
        row(b, "best", "batch", best.batch());
        row(b, "last", "sequence", last.sequence());
        row(b, "last", "batch", last.batch());
        b.append("\ntrue\\predicted");
        for (String c : model.classes()) {
            b.append(',').append(c);
        }
        b.append('\n');
        int[][] cm = best.sequence().confusion();
        for (int i = 0; i < cm.length; i++) {
            b.append(model.classes().get(i));
            for (int v : cm[i]) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String which, String level, Metrics.Evaluation e) {
        b.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%s%n", which, level, e.count(), e.top1(),
                e.top3(), e.top5(), e.macroF1(), Double.isNaN(e.auc()) ? "" : String.format(Locale.ROOT, "%.4f",
                        e.auc())));
    }
}
