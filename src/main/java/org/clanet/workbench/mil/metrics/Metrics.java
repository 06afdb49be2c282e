package org.clanet.workbench.mil.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The published evaluation (train_TSS_MIL.py Validation, model_evaluate.ipynb) with scikit-learn's rules:
 * top-k as {@code top_k_accuracy_score} (ties: the higher class index ranks first), macro F1 over the classes
 * present in y ∪ ŷ ({@code f1_score(average='macro')}), one-vs-rest macro ROC AUC with tied scores counted
 * half, over the classes present in y that also have negatives (sklearn raises unless every class occurs in
 * y: we report over the classes present and name them), confusion matrix with rows = true class.
 * ŷ = argmax with the lower index on a tie ({@code np.argmax}).
 */
public final class Metrics {

    private Metrics() {
    }

    /** Fraction of rows whose true class ranks among the k highest scores (sklearn tie rule). */
    public static double topK(int[] y, double[][] p, int k) {
        check(y, p);
        int hits = 0;
        for (int i = 0; i < y.length; i++) {
            if (rank(p[i], y[i]) < k) {
                hits++;
            }
        }
        return (double) hits / y.length;
    }

    /** 0-based rank of class t in row s: higher scores first, equal scores with a higher index first. */
    static int rank(double[] s, int t) {
        int r = 0;
        for (int j = 0; j < s.length; j++) {
            if (s[j] > s[t] || (s[j] == s[t] && j > t)) {
                r++;
            }
        }
        return r;
    }

    /** argmax per row, the lower index on a tie. */
    public static int[] predictions(double[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int j = 1; j < p[i].length; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Macro F1 over the classes present in y ∪ ŷ. */
    public static double macroF1(int[] y, int[] yHat) {
        if (y.length != yHat.length || y.length == 0) {
            throw new IllegalArgumentException("need equal, non-empty label arrays");
        }
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < y.length; i++) {
            present.add(y[i]);
            present.add(yHat[i]);
        }
        double sum = 0;
        for (int c : present) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < y.length; i++) {
                if (yHat[i] == c && y[i] == c) {
                    tp++;
                } else if (yHat[i] == c) {
                    fp++;
                } else if (y[i] == c) {
                    fn++;
                }
            }
            int denom = 2 * tp + fp + fn;
            sum += denom == 0 ? 0 : 2.0 * tp / denom;
        }
        return sum / present.size();
    }

    /** Confusion matrix, rows = true class, columns = predicted. */
    public static int[][] confusion(int[] y, int[] yHat, int classes) {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < y.length; i++) {
            m[y[i]][yHat[i]]++;
        }
        return m;
    }

    /**
     * Binary ROC AUC of scores s for positives pos, ties counted half (the Mann–Whitney U / (P·N)); NaN when
     * there are no positives or no negatives.
     */
    public static double binaryAuc(boolean[] pos, double[] s) {
        int n = s.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
        double[] ranks = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && s[order[j + 1]] == s[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = avg;
            }
            i = j + 1;
        }
        long p = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (pos[i]) {
                p++;
                rankSum += ranks[i];
            }
        }
        long q = n - p;
        if (p == 0 || q == 0) {
            return Double.NaN;
        }
        return (rankSum - p * (p + 1) / 2.0) / ((double) p * q);
    }

    /** One-vs-rest AUC per class over the classes that occur in y and are not all of y, and their mean. */
    public static Auc ovrAuc(int[] y, double[][] p) {
        check(y, p);
        int classes = p[0].length;
        Map<Integer, Double> per = new LinkedHashMap<>();
        List<Integer> left = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            boolean[] pos = new boolean[y.length];
            double[] s = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                pos[i] = y[i] == c;
                s[i] = p[i][c];
            }
            double auc = binaryAuc(pos, s);
            if (Double.isNaN(auc)) {
                left.add(c);
            } else {
                per.put(c, auc);
            }
        }
        double macro = per.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Auc(macro, per, left);
    }

    /**
     * One class's ROC curve: a point per distinct score threshold, from (0, 0) to (1, 1) (sklearn's roc_curve
     * without dropping intermediate points). Empty when the class has no positives or no negatives.
     */
    public static RocCurve rocCurve(int[] y, double[][] p, int c) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b][c], p[a][c]));
        long pos = Arrays.stream(y).filter(v -> v == c).count();
        long neg = n - pos;
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, 0, Double.POSITIVE_INFINITY});
        if (pos == 0 || neg == 0) {
            return new RocCurve(c, new double[0], new double[0], new double[0], Double.NaN);
        }
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            if (y[order[i]] == c) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == n || p[order[i + 1]][c] != p[order[i]][c]) {
                pts.add(new double[] {(double) fp / neg, (double) tp / pos, p[order[i]][c]});
            }
        }
        double[] fpr = pts.stream().mapToDouble(a -> a[0]).toArray();
        double[] tpr = pts.stream().mapToDouble(a -> a[1]).toArray();
        double[] thr = pts.stream().mapToDouble(a -> a[2]).toArray();
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        }
        return new RocCurve(c, fpr, tpr, thr, area);
    }

    /** Every figure of one level (sequences or batches). */
    public static Evaluation evaluate(List<String> classes, int[] y, double[][] p) {
        check(y, p);
        if (p[0].length != classes.size()) {
            throw new IllegalArgumentException(p[0].length + " probability columns for " + classes.size()
                    + " classes");
        }
        int[] yHat = predictions(p);
        Auc auc = ovrAuc(y, p);
        List<RocCurve> curves = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            curves.add(rocCurve(y, p, c));
        }
        return new Evaluation(classes, y.length, topK(y, p, 1), topK(y, p, 3), topK(y, p, 5), macroF1(y, yHat),
                auc.macro(), auc.classesIncluded(), auc.perClass(), confusion(y, yHat, classes.size()), curves);
    }

    /**
     * Batch level: per batch key (cell line + batch folder) the mean of its sequences' probability rows; the
     * label is the most common true label of its sequences (np.bincount argmax: the lower on a tie).
     */
    public static List<BatchScore> batchLevel(List<SequenceScore> sequences) {
        Map<String, List<SequenceScore>> groups = new LinkedHashMap<>();
        for (SequenceScore s : sequences) {
            groups.computeIfAbsent(s.batchKey(), k -> new ArrayList<>()).add(s);
        }
        List<BatchScore> out = new ArrayList<>();
        for (Map.Entry<String, List<SequenceScore>> g : groups.entrySet()) {
            int c = g.getValue().get(0).probabilities().length;
            double[] mean = new double[c];
            Map<Integer, Integer> votes = new java.util.TreeMap<>();
            for (SequenceScore s : g.getValue()) {
                for (int j = 0; j < c; j++) {
                    mean[j] += s.probabilities()[j] / g.getValue().size();
                }
                votes.merge(s.label(), 1, Integer::sum);
            }
            int label = votes.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                    ? Integer.compare(b.getKey(), a.getKey()) : Integer.compare(a.getValue(), b.getValue()))
                    .orElseThrow().getKey();
            out.add(new BatchScore(g.getKey(), label, mean, g.getValue().size()));
        }
        return out;
    }

    private static void check(int[] y, double[][] p) {
        if (y.length == 0 || y.length != p.length) {
            throw new IllegalArgumentException("need one probability row per label (got " + y.length + " labels, "
                    + p.length + " rows)");
        }
    }

    /**
     * @param classesIncluded classes averaged in the macro AUC: present in y with both positives and negatives
     * @param classesLeftOut  the others (no positives, or every label is theirs)
     */
    public record Auc(double macro, Map<Integer, Double> perClass, List<Integer> classesLeftOut) {
        public List<Integer> classesIncluded() {
            return List.copyOf(perClass.keySet());
        }
    }

    /** Points of one class's ROC curve (fpr, tpr ascending) with the thresholds that produce them. */
    public record RocCurve(int classIndex, double[] fpr, double[] tpr, double[] thresholds, double auc) {
    }

    /** A sequence's probability row with its true label and its batch key (line/batch). */
    public record SequenceScore(String sequenceId, String batchKey, int label, double[] probabilities) {
    }

    /** A batch's mean probability row. */
    public record BatchScore(String batchKey, int label, double[] probabilities, int sequences) {
    }

    /** All figures of one level. {@code auc} is over {@code aucClasses} only. */
    public record Evaluation(List<String> classes, int count, double top1, double top3, double top5, double macroF1,
                             double auc, List<Integer> aucClasses, Map<Integer, Double> aucPerClass,
                             int[][] confusion, List<RocCurve> roc) {
    }
}
