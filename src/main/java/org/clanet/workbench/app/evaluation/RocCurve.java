package org.clanet.workbench.app.evaluation;

/** One class's one-vs-rest ROC curve: false and true positive rates (same length, in curve order) and its AUC. */
public record RocCurve(String className, double[] fpr, double[] tpr, double auc) {

    public RocCurve {
        if (fpr.length != tpr.length) {
            throw new IllegalArgumentException("fpr and tpr lengths differ: " + fpr.length + " vs " + tpr.length);
        }
        fpr = fpr.clone();
        tpr = tpr.clone();
    }
}
