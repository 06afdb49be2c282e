package org.clanet.workbench.app.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.clanet.workbench.mil.metrics.Metrics;
import org.clanet.workbench.pipeline.flow.Evaluation;

/**
 * The core's evaluation ({@link Evaluation#evaluate}, the code of {@code clanet evaluate}) as the evaluation view
 * shows it: the best model's sequence-level confusion matrix and ROC curves, and metrics rows for the best and the
 * last model at sequence and batch level.
 */
public final class EvaluationResults {

    private EvaluationResults() {
    }

    public static EvaluationResult of(Evaluation.Result r) {
        Metrics.Evaluation seq = r.best().sequence();
        List<MetricsRow> rows = List.of(row("Sequence (best)", seq), row("Batch (best)", r.best().batch()),
                row("Sequence (last)", r.last().sequence()), row("Batch (last)", r.last().batch()));
        List<RocCurve> roc = new ArrayList<>();
        for (Metrics.RocCurve c : seq.roc()) {
            roc.add(new RocCurve(seq.classes().get(c.classIndex()), c.fpr(), c.tpr(), c.auc()));
        }
        String title = "Model " + r.model().id() + " · " + r.model().name() + " · " + r.testSequences()
                + " test sequences";
        return new EvaluationResult(title, seq.classes(), seq.confusion(), rows, roc);
    }

    private static MetricsRow row(String level, Metrics.Evaluation e) {
        return new MetricsRow(level, e.top1(), e.top3(), e.top5(), e.macroF1(), e.auc());
    }
}
