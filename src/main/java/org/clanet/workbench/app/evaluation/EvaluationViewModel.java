package org.clanet.workbench.app.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.clanet.workbench.io.AtomicFiles;

/**
 * The evaluation view's state: the result, counts or row-normalised confusion matrix, the matrix zoom; CSV exports
 * of the metrics, the matrix and the ROC curves. FX thread.
 */
public final class EvaluationViewModel {

    public static final double MIN_ZOOM = 0.5;
    public static final double MAX_ZOOM = 4;

    private final ObjectProperty<EvaluationResult> result = new SimpleObjectProperty<>(this, "result");
    private final BooleanProperty normalised = new SimpleBooleanProperty(this, "normalised");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);

    public ObjectProperty<EvaluationResult> resultProperty() {
        return result;
    }

    /** Row-normalised (each true class's row sums to 1) instead of counts. */
    public BooleanProperty normalisedProperty() {
        return normalised;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public void zoomBy(double factor) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor)));
    }

    /** Cell [true i][predicted j] as shown: the count, or its fraction of row i. */
    public double cell(int i, int j) {
        EvaluationResult r = result.get();
        int v = r.confusion()[i][j];
        if (!normalised.get()) {
            return v;
        }
        int sum = r.rowSum(i);
        return sum == 0 ? 0 : (double) v / sum;
    }

    /** The largest cell as shown (the colour scale's top). */
    public double maxCell() {
        EvaluationResult r = result.get();
        double m = 0;
        for (int i = 0; i < r.size(); i++) {
            for (int j = 0; j < r.size(); j++) {
                m = Math.max(m, cell(i, j));
            }
        }
        return m;
    }

    /** "true A549 → predicted BT474: 12 (40 % of the row)". */
    public String describe(int i, int j) {
        EvaluationResult r = result.get();
        int v = r.confusion()[i][j];
        int sum = r.rowSum(i);
        return String.format(Locale.ROOT, "true %s → predicted %s: %d (%.0f %% of the row)", r.classes().get(i),
                r.classes().get(j), v, sum == 0 ? 0.0 : 100.0 * v / sum);
    }

    public String metricsCsv() {
        StringBuilder sb = new StringBuilder("level,top1,top3,top5,macro_f1,auc\n");
        for (MetricsRow m : result.get().metrics()) {
            sb.append(quote(m.level())).append(',').append(num(m.top1())).append(',').append(num(m.top3()))
                    .append(',').append(num(m.top5())).append(',').append(num(m.macroF1())).append(',')
                    .append(num(m.auc())).append('\n');
        }
        return sb.toString();
    }

    /** The matrix as shown (counts or row fractions): header of predicted classes, one row per true class. */
    public String confusionCsv() {
        EvaluationResult r = result.get();
        StringBuilder sb = new StringBuilder("true\\predicted");
        for (String c : r.classes()) {
            sb.append(',').append(quote(c));
        }
        sb.append('\n');
        for (int i = 0; i < r.size(); i++) {
            sb.append(quote(r.classes().get(i)));
            for (int j = 0; j < r.size(); j++) {
                sb.append(',').append(normalised.get() ? num(cell(i, j)) : Integer.toString(r.confusion()[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public String rocCsv() {
        StringBuilder sb = new StringBuilder("class,fpr,tpr\n");
        for (RocCurve c : result.get().roc()) {
            for (int i = 0; i < c.fpr().length; i++) {
                sb.append(quote(c.className())).append(',').append(num(c.fpr()[i])).append(',')
                        .append(num(c.tpr()[i])).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes {@code STEM_metrics.csv}, {@code STEM_confusion.csv} and {@code STEM_roc.csv} next to {@code stem}. */
    public void exportCsv(Path stem) throws IOException {
        String base = stem.getFileName().toString().replaceFirst("\\.csv$", "");
        Path dir = stem.toAbsolutePath().getParent();
        AtomicFiles.writeString(dir.resolve(base + "_metrics.csv"), metricsCsv());
        AtomicFiles.writeString(dir.resolve(base + "_confusion.csv"), confusionCsv());
        AtomicFiles.writeString(dir.resolve(base + "_roc.csv"), rocCsv());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
