package org.clanet.workbench.app.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.clanet.workbench.app.charts.Decimation;
import org.clanet.workbench.app.charts.SeriesBuffer;
import org.clanet.workbench.app.charts.Views;
import org.clanet.workbench.app.training.TrainingDashboardViewModel.Chart;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The training dashboard, a thin view of {@link TrainingDashboardViewModel}: the parameters form with the
 * estimated time, Start / Cancel / Resume, the device, and three JavaFX LineCharts (loss, accuracy, learning rate).
 * Curves are redrawn at most every {@link #REDRAW} from a min/max-decimated copy ({@link Decimation}: at most 4
 * points per plot pixel column, 500 columns), so 100k points per curve stay smooth: a LineChart keeps a Data
 * object per point and lays them all out on every change, which takes seconds at 100k points.
 */
public final class TrainingDashboardView extends BorderPane {

    public static final Duration REDRAW = Duration.millis(250);
    static final int MAX_COLUMNS = 500;

    private final TrainingDashboardViewModel vm;
    private final Map<Chart, LineChart<Number, Number>> charts = new EnumMap<>(Chart.class);
    private final PauseTransition redraw = new PauseTransition(REDRAW);
    private boolean redrawPending;

    public TrainingDashboardView(TrainingDashboardViewModel vm) {
        this.vm = vm;
        getStyleClass().add("dashboard");
        setId("trainingDashboard");
        getStylesheets().add(Views.stylesheet());
        setLeft(form());
        VBox curves = new VBox(4);
        curves.setPadding(new Insets(4, 8, 8, 4));
        for (Chart c : Chart.values()) {
            NumberAxis x = new NumberAxis();
            x.setLabel("epoch");
            x.setForceZeroInRange(false);
            NumberAxis y = c == Chart.ACCURACY ? new NumberAxis(0, 1, 0.1) : new NumberAxis();
            y.setForceZeroInRange(false);
            LineChart<Number, Number> chart = new LineChart<>(x, y);
            chart.setTitle(c.title());
            chart.setCreateSymbols(false);
            chart.setAnimated(false);
            chart.setLegendVisible(c != Chart.LEARNING_RATE);
            chart.setId("chart-" + c.name().toLowerCase(java.util.Locale.ROOT));
            chart.setMinHeight(120);
            VBox.setVgrow(chart, Priority.ALWAYS);
            charts.put(c, chart);
            curves.getChildren().add(chart);
        }
        setCenter(curves);
        redraw.setOnFinished(e -> {
            redrawPending = false;
            refreshCharts();
        });
        vm.versionProperty().addListener(o -> {
            if (!redrawPending) {
                redrawPending = true;
                redraw.playFromStart();
            }
        });
    }

    private VBox form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        ComboBox<TrainingParameters.Kind> kind = new ComboBox<>(
                FXCollections.observableArrayList(TrainingParameters.Kind.values()));
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        ComboBox<String> preset = new ComboBox<>(vm.presets());
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setId("dashPreset");
        preset.setTooltip(new Tooltip("MIL: the patch features to train on: the newest encoder (a pretrained one"
                + " first; the texture statistics when the workspace has none), or the built-in texture statistics"
                + " (no pretraining), which identify lines best on a CPU (docs/BENCHMARKS.md)."
                + "\nPretraining: the ViT to train. cpu is sized for a CPU (patch 16); its patch-8 variant is the"
                + " published patch size, finer and about 3x slower."));
        Label presetLabel = label("Preset");
        presetLabel.textProperty().bind(javafx.beans.binding.Bindings.when(
                vm.kindProperty().isEqualTo(TrainingParameters.Kind.PRETRAINING)).then("Preset").otherwise("Features"));
        presetLabel.setId("dashPresetLabel");
        Spinner<Integer> epochs = new Spinner<>(1, 100_000, vm.epochsProperty().get(), 50);
        epochs.setEditable(true);
        epochs.getValueFactory().valueProperty().addListener((o, a, v) -> vm.epochsProperty().set(v));
        vm.epochsProperty().addListener((o, a, v) -> epochs.getValueFactory().setValue(v.intValue()));
        epochs.setId("dashEpochs");
        ComboBox<String> split = new ComboBox<>(vm.splits());
        split.valueProperty().bindBidirectional(vm.splitProperty());
        split.setId("dashSplit");
        TextField seed = new TextField(Long.toString(vm.seedProperty().get()));
        seed.setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("-?\\d{0,18}") ? c : null));
        seed.textProperty().addListener((o, a, t) -> {
            if (t.matches("-?\\d{1,18}")) {
                vm.seedProperty().set(Long.parseLong(t));
            }
        });
        vm.seedProperty().addListener((o, a, v) -> {
            if (!seed.getText().equals(v.toString())) {
                seed.setText(v.toString());
            }
        });
        seed.setPrefColumnCount(8);
        seed.setId("dashSeed");
        ComboBox<String> device = new ComboBox<>(vm.devices());
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        device.setId("dashDevice");
        int r = 0;
        for (var row : List.of(List.of(label("Train"), kind), List.of(presetLabel, preset),
                List.of(label("Epochs"), epochs), List.of(label("Split"), split), List.of(label("Seed"), seed),
                List.of(label("Device"), device))) {
            g.addRow(r++, row.get(0), row.get(1));
            row.get(1).setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(row.get(1), Priority.ALWAYS);
        }
        Label estimate = new Label();
        estimate.textProperty().bind(vm.estimateProperty());
        estimate.getStyleClass().add("estimate");
        estimate.setWrapText(true);
        estimate.setId("dashEstimate");
        Button start = new Button("Start", new FontIcon("mdi2p-play"));
        start.setId("dashStart");
        start.disableProperty().bind(vm.runningProperty());
        start.setOnAction(e -> vm.start());
        Button cancel = new Button("Cancel", new FontIcon("mdi2s-stop"));
        cancel.setId("dashCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button resume = new Button("Resume", new FontIcon("mdi2r-restart"));
        resume.setId("dashResume");
        resume.disableProperty().bind(vm.runningProperty().or(vm.resumableProperty().not()));
        resume.setOnAction(e -> vm.resume());
        HBox buttons = new HBox(6, start, cancel, resume);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        Label dev = new Label();
        dev.textProperty().bind(vm.deviceLabelProperty());
        dev.getStyleClass().add("device");
        dev.setGraphic(new FontIcon("mdi2c-chip"));
        dev.setId("dashDeviceLabel");
        VBox box = new VBox(10, g, estimate, buttons, status, dev);
        box.setPadding(new Insets(10));
        box.setPrefWidth(290);
        box.setMinWidth(250);
        return box;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-label");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /** Redraws every curve from its decimated points now (the view also does this on its own, throttled). */
    public void refreshCharts() {
        Map<Chart, List<String>> byChart = new EnumMap<>(Chart.class);
        for (String name : vm.seriesNames()) {
            byChart.computeIfAbsent(Chart.of(name), k -> new ArrayList<>()).add(name);
        }
        for (Chart c : Chart.values()) {
            LineChart<Number, Number> chart = charts.get(c);
            // sorted, so "test …" and "train …" get the same colours in every chart
            List<String> names = byChart.getOrDefault(c, List.of()).stream().sorted().toList();
            if (!chart.getData().stream().map(XYChart.Series::getName).toList().equals(names)) {
                chart.getData().clear(); // a new series: re-add in order, colours follow the order
            }
            int columns = (int) Math.max(100, Math.min(MAX_COLUMNS, chart.getWidth() - 60));
            for (String name : names) {
                XYChart.Series<Number, Number> s = chart.getData().stream().filter(x -> x.getName().equals(name))
                        .findFirst().orElse(null);
                if (s == null) {
                    s = new XYChart.Series<>();
                    s.setName(name);
                    chart.getData().add(s);
                }
                SeriesBuffer b = vm.series(name);
                Decimation.Points p = b.decimated(columns);
                ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
                for (int i = 0; i < p.size(); i++) {
                    data.add(new XYChart.Data<>(p.x()[i], p.y()[i]));
                }
                s.getData().setAll(data);
            }
        }
    }

    /** Data points the charts hold now, all series together (tests). */
    public int chartPoints() {
        return charts.values().stream().flatMap(c -> c.getData().stream()).mapToInt(s -> s.getData().size()).sum();
    }

    public LineChart<Number, Number> chart(Chart c) {
        return charts.get(c);
    }
}
