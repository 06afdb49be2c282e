package org.clanet.workbench.app.evaluation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.clanet.workbench.app.charts.Decimation;
import org.clanet.workbench.app.charts.Snapshots;
import org.clanet.workbench.app.charts.Views;
import org.clanet.workbench.io.AtomicFiles;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The evaluation view: the metrics table (sequence and batch level: top-1/3/5, macro F1, AUC), then tabs with the
 * confusion matrix ({@link ConfusionMatrixView}: counts / row-normalised, zoom) and the ROC curves (a JavaFX
 * LineChart, one series per class plus chance); export of the shown tab as PNG and of everything as CSV.
 */
public final class EvaluationView extends BorderPane {

    /** ROC legends beyond this many classes would cover the plot; the hover tooltip names curves then. */
    static final int MAX_LEGEND = 12;

    private final EvaluationViewModel vm;
    private final TableView<MetricsRow> table = new TableView<>();
    private final ConfusionMatrixView matrix;
    private final LineChart<Number, Number> roc;
    private final TabPane tabs = new TabPane();
    private final Label title = new Label();

    public EvaluationView(EvaluationViewModel vm) {
        this.vm = vm;
        getStyleClass().add("evaluation");
        setId("evaluationView");
        getStylesheets().add(Views.stylesheet());
        matrix = new ConfusionMatrixView(vm);
        NumberAxis fpr = new NumberAxis("false positive rate", 0, 1, 0.2);
        NumberAxis tpr = new NumberAxis("true positive rate", 0, 1, 0.2);
        roc = new LineChart<>(fpr, tpr);
        roc.setCreateSymbols(false);
        roc.setAnimated(false);
        roc.setId("rocChart");
        table.setId("metricsTable");
        table.getColumns().add(column("level", MetricsRow::level));
        table.getColumns().add(column("top-1", m -> pct(m.top1())));
        table.getColumns().add(column("top-3", m -> pct(m.top3())));
        table.getColumns().add(column("top-5", m -> pct(m.top5())));
        table.getColumns().add(column("macro F1", m -> num(m.macroF1())));
        table.getColumns().add(column("AUC", m -> num(m.auc())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(24);
        table.setPrefHeight(24 * 2 + 28);
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);

        ToggleButton normalised = new ToggleButton("Row-normalised");
        normalised.selectedProperty().bindBidirectional(vm.normalisedProperty());
        normalised.setId("evalNormalised");
        Button zoomIn = new Button(null, new FontIcon("mdi2m-magnify-plus-outline"));
        zoomIn.setOnAction(e -> vm.zoomBy(1.25));
        Button zoomOut = new Button(null, new FontIcon("mdi2m-magnify-minus-outline"));
        zoomOut.setOnAction(e -> vm.zoomBy(1 / 1.25));
        Button fit = new Button("Fit");
        fit.setId("evalFit");
        fit.setOnAction(e -> matrix.fit());
        Button png = new Button("Export PNG…", new FontIcon("mdi2i-image-outline"));
        png.setOnAction(e -> choose("PNG image", "*.png", "evaluation.png", this::exportPng));
        Button csv = new Button("Export CSV…", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setOnAction(e -> choose("CSV (metrics, confusion, ROC)", "*.csv", "evaluation.csv", vm::exportCsv));
        title.getStyleClass().add("card-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, title, gap, normalised, zoomOut, zoomIn, fit, png, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        tabs.getTabs().addAll(new Tab("Confusion matrix", matrix), new Tab("ROC curves", roc));
        tabs.getTabs().forEach(t -> t.setClosable(false));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(8, bar, table, tabs);
        box.setPadding(new Insets(8));
        setCenter(box);
        vm.resultProperty().addListener(o -> update());
        update();
    }

    private interface IoAction {
        void write(Path p) throws IOException;
    }

    private void choose(String what, String pattern, String name, IoAction action) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            action.write(f.toPath());
        } catch (IOException | RuntimeException ex) {
            new Alert(Alert.AlertType.ERROR, "Could not write " + f + ": " + ex.getMessage()).showAndWait();
        }
    }

    /** The tab shown (matrix: the whole matrix, not only the visible part; or the ROC chart) as a PNG file. */
    public void exportPng(Path file) throws IOException {
        Node n = tabs.getSelectionModel().getSelectedIndex() == 1 ? roc : matrix.canvas();
        AtomicFiles.write(file, Snapshots.png(n));
    }

    private void update() {
        EvaluationResult r = vm.resultProperty().get();
        title.setText(r == null ? "No evaluation yet" : r.title());
        table.getItems().setAll(r == null ? java.util.List.of() : r.metrics());
        // every row visible (the workbench shows best and last, sequence and batch: 4 rows)
        table.setPrefHeight(24 * Math.max(2, table.getItems().size()) + 28);
        roc.getData().clear();
        if (r == null) {
            return;
        }
        double meanAuc = r.roc().stream().mapToDouble(RocCurve::auc).filter(a -> !Double.isNaN(a)).average()
                .orElse(Double.NaN);
        roc.setTitle(String.format(Locale.ROOT, "ROC, one class vs rest · mean AUC %s", num(meanAuc)));
        roc.setLegendVisible(r.roc().size() <= MAX_LEGEND);
        XYChart.Series<Number, Number> chance = new XYChart.Series<>();
        chance.setName("chance");
        chance.getData().add(new XYChart.Data<>(0, 0));
        chance.getData().add(new XYChart.Data<>(1, 1));
        roc.getData().add(chance);
        for (RocCurve c : r.roc()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(String.format(Locale.ROOT, "%s (%.3f)", c.className(), c.auc()));
            Decimation.Points p = Decimation.minMax(c.fpr(), c.tpr(), c.fpr().length, 400);
            for (int i = 0; i < p.size(); i++) {
                s.getData().add(new XYChart.Data<>(p.x()[i], p.y()[i]));
            }
            roc.getData().add(s);
            javafx.scene.control.Tooltip.install(s.getNode(), new javafx.scene.control.Tooltip(s.getName()));
        }
        chance.getNode().setStyle("-fx-stroke: #9e9e9e; -fx-stroke-dash-array: 6 4; -fx-stroke-width: 1;");
    }

    private static TableColumn<MetricsRow, String> column(String name, Function<MetricsRow, String> f) {
        TableColumn<MetricsRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3f", v);
    }

    public ConfusionMatrixView matrix() {
        return matrix;
    }

    public LineChart<Number, Number> rocChart() {
        return roc;
    }

    public TabPane tabs() {
        return tabs;
    }
}
