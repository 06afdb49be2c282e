package org.clanet.workbench.app.evaluation;

/**
 * The metrics of one level of evaluation ("sequence": one prediction per sequence; "batch": per batch).
 * Accuracies and AUC in [0,1]; NaN where not computed.
 */
public record MetricsRow(String level, double top1, double top3, double top5, double macroF1, double auc) {
}
