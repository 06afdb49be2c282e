package org.clanet.workbench.app.evaluation;

import java.util.List;

/**
 * What the evaluation view shows.
 *
 * @param title     e.g. "MIL 2026-11-30 · batch-separated split 1 · test"
 * @param classes   class names, the confusion matrix's row and column order
 * @param confusion counts, [true][predicted]
 * @param metrics   sequence and batch level rows
 * @param roc       one curve per class (may be empty)
 */
public record EvaluationResult(String title, List<String> classes, int[][] confusion, List<MetricsRow> metrics,
                               List<RocCurve> roc) {

    public EvaluationResult {
        classes = List.copyOf(classes);
        metrics = List.copyOf(metrics);
        roc = List.copyOf(roc);
        int n = classes.size();
        if (confusion.length != n) {
            throw new IllegalArgumentException("confusion has " + confusion.length + " rows for " + n + " classes");
        }
        int[][] copy = new int[n][];
        for (int i = 0; i < n; i++) {
            if (confusion[i].length != n) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length + " columns");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    public int size() {
        return classes.size();
    }

    public int rowSum(int i) {
        int s = 0;
        for (int v : confusion[i]) {
            s += v;
        }
        return s;
    }
}
