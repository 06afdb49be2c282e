package org.clanet.workbench.app.evaluation;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The confusion matrix drawn on a Canvas in a ScrollPane: true classes down the left, predicted classes across the
 * top with their names rotated 60° so 30+ names stay readable, cells shaded white → blue by value (counts, or row
 * fractions when normalised), values printed in cells large enough. Ctrl+wheel zooms (and the view model's zoom);
 * hover names the cell.
 */
public final class ConfusionMatrixView extends ScrollPane {

    static final double CELL = 24;
    static final double LABEL_ANGLE = 60;
    private static final Color HIGH = Color.web("#08306b");
    private static final Color LOW = Color.WHITE;
    private static final double MAX_CANVAS = 8000;

    private final EvaluationViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private Geometry geometry;

    /** Where the matrix is on the canvas. */
    record Geometry(double left, double top, double cell, int n, double width, double height, double fontSize) {

        /** The cell [row, col] under canvas point (x, y), or null. */
        int[] cellAt(double x, double y) {
            int col = (int) Math.floor((x - left) / cell);
            int row = (int) Math.floor((y - top) / cell);
            return x < left || y < top || row >= n || col >= n ? null : new int[] {row, col};
        }
    }

    public ConfusionMatrixView(EvaluationViewModel vm) {
        this.vm = vm;
        getStyleClass().add("confusion-matrix");
        setId("confusionMatrix");
        setContent(canvas);
        setPannable(true);
        vm.resultProperty().addListener(o -> draw());
        vm.normalisedProperty().addListener(o -> draw());
        vm.zoomProperty().addListener(o -> draw());
        addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                vm.zoomBy(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15);
                e.consume();
            }
        });
        canvas.setOnMouseMoved(e -> {
            int[] c = geometry == null ? null : geometry.cellAt(e.getX(), e.getY());
            if (c == null) {
                Tooltip.uninstall(canvas, tip);
            } else {
                tip.setText(vm.describe(c[0], c[1]));
                Tooltip.install(canvas, tip);
            }
        });
        draw();
    }

    /** Zooms so the whole matrix fits the visible area. */
    public void fit() {
        if (geometry == null) {
            return;
        }
        double vw = getViewportBounds().getWidth();
        double vh = getViewportBounds().getHeight();
        if (vw <= 0 || vh <= 0) {
            return;
        }
        // labels do not scale with the cells, so fit the cells into what the labels leave
        double margin = Math.max(geometry.width() - geometry.n() * geometry.cell(), 0);
        double marginV = Math.max(geometry.height() - geometry.n() * geometry.cell(), 0);
        double cell = Math.min((vw - margin) / geometry.n(), (vh - marginV) / geometry.n());
        vm.zoomProperty().set(Math.max(EvaluationViewModel.MIN_ZOOM, Math.min(EvaluationViewModel.MAX_ZOOM,
                cell / CELL)));
    }

    /** Lays out and paints the matrix for the current result, mode and zoom. */
    public void draw() {
        EvaluationResult r = vm.resultProperty().get();
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (r == null || r.size() == 0) {
            canvas.setWidth(300);
            canvas.setHeight(60);
            g.clearRect(0, 0, 300, 60);
            g.setFill(Color.GRAY);
            g.setTextBaseline(VPos.TOP);
            g.fillText("No evaluation yet", 10, 10);
            geometry = null;
            return;
        }
        int n = r.size();
        double cell = Math.min(CELL * vm.zoomProperty().get(), (MAX_CANVAS - 200) / n);
        double fontSize = Math.max(8, Math.min(13, cell * 0.5));
        Font font = Font.font("System", fontSize);
        double maxLabel = 0;
        for (String c : r.classes()) {
            maxLabel = Math.max(maxLabel, textWidth(c, font));
        }
        double rad = Math.toRadians(LABEL_ANGLE);
        double left = maxLabel + 14;
        double top = maxLabel * Math.sin(rad) + fontSize + 14;
        double width = left + n * cell + maxLabel * Math.cos(rad) + 10;
        double height = top + n * cell + 10;
        geometry = new Geometry(left, top, cell, n, width, height, fontSize);
        canvas.setWidth(width);
        canvas.setHeight(height);
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double max = vm.maxCell();
        g.setFont(Font.font("System", Math.max(7, Math.min(12, cell * 0.38))));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = vm.cell(i, j);
                double t = max > 0 ? v / max : 0;
                g.setFill(LOW.interpolate(HIGH, t));
                double x = left + j * cell;
                double y = top + i * cell;
                g.fillRect(x, y, cell, cell);
                if (cell >= 18 && v > 0) {
                    g.setFill(t > 0.5 ? Color.WHITE : Color.web("#202124"));
                    String text = vm.normalisedProperty().get() ? String.format(Locale.ROOT, "%.2f", v)
                            .replaceFirst("^0\\.", ".") : Integer.toString((int) v);
                    g.fillText(text, x + cell / 2, y + cell / 2, cell - 2);
                }
            }
        }
        g.setStroke(Color.web("#b0b4ba"));
        g.setLineWidth(1);
        g.strokeRect(left, top, n * cell, n * cell);
        g.setStroke(Color.web("#e06c00"));
        for (int i = 0; i < n; i++) { // the diagonal outlined: correct predictions
            g.strokeRect(left + i * cell + 0.5, top + i * cell + 0.5, cell - 1, cell - 1);
        }
        g.setFill(Color.web("#202124"));
        g.setFont(font);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            g.fillText(r.classes().get(i), left - 6, top + i * cell + cell / 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        for (int j = 0; j < n; j++) {
            g.save();
            g.translate(left + j * cell + cell / 2, top - 6);
            g.rotate(-LABEL_ANGLE);
            g.fillText(r.classes().get(j), 0, 0);
            g.restore();
        }
        g.setFont(Font.font("System", javafx.scene.text.FontWeight.BOLD, 11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("true ↓  predicted →", 6, 6);
    }

    private static double textWidth(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    public Canvas canvas() {
        return canvas;
    }

    /** The matrix's placement on the canvas (tests). */
    Geometry geometry() {
        return geometry;
    }
}
