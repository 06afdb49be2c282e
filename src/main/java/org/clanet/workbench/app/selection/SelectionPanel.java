package org.clanet.workbench.app.selection;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionStage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Selection" side panel, a thin view of {@link SelectionViewModel}: overlay toggles with colour and opacity,
 * the current frame's result (patch count, note, time), a form generated from {@link SelectionParameters#specs()}
 * (descriptions as tooltips, changed values in bold, invalid ones outlined, reset to defaults) that re-runs the frame
 * as you type, and "Apply to dataset" with progress and cancel.
 */
public final class SelectionPanel extends BorderPane {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass MODIFIED = PseudoClass.getPseudoClass("modified");

    private final VBox top = new VBox(6);
    private final VBox params = new VBox(6);
    private final VBox bottom = new VBox(6);
    private final Map<String, Control> fields = new LinkedHashMap<>();
    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Label summary = new Label();
    private final Label note = new Label();
    private final Label paramError = new Label();
    private final Button applyButton = new Button("Apply to dataset", new FontIcon("mdi2p-play-outline"));
    private final Button cancelButton = new Button("Cancel", new FontIcon("mdi2c-close-circle-outline"));
    private SelectionViewModel vm;
    private boolean syncing;

    public SelectionPanel() {
        getStyleClass().add("selection-panel");
        top.setPadding(new Insets(4, 8, 4, 8));
        params.setPadding(new Insets(2, 8, 6, 8));
        bottom.setPadding(new Insets(4, 8, 8, 8));
        bottom.getStyleClass().add("selection-bottom");
        ScrollPane scroll = new ScrollPane(params);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("parameter-scroll");
        setTop(top);
        setCenter(scroll);
        setBottom(bottom);
    }

    public void bind(SelectionViewModel model) {
        this.vm = model;
        OverlaySettings o = vm.overlays();
        top.getChildren().clear();
        params.getChildren().clear();
        bottom.getChildren().clear();

        // overlays
        CheckBox mask = new CheckBox("Cell mask");
        mask.setId("maskToggle");
        mask.selectedProperty().bindBidirectional(o.maskVisibleProperty());
        ColorPicker maskColor = new ColorPicker();
        maskColor.setId("maskColor");
        maskColor.getStyleClass().add("button");
        maskColor.valueProperty().bindBidirectional(o.maskColorProperty());
        maskColor.setTooltip(new Tooltip("Colour of the cell mask"));
        Slider opacity = new Slider(0, 1, o.maskOpacityProperty().get());
        opacity.setId("maskOpacity");
        opacity.valueProperty().bindBidirectional(o.maskOpacityProperty());
        opacity.setTooltip(new Tooltip("Opacity of the cell mask"));
        HBox.setHgrow(opacity, Priority.ALWAYS);
        Label opacityText = new Label();
        opacityText.setMinWidth(36);
        opacityText.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.0f %%", o.maskOpacityProperty().get() * 100),
                o.maskOpacityProperty()));
        CheckBox boxes = new CheckBox("Patch boxes");
        boxes.setId("patchToggle");
        boxes.selectedProperty().bindBidirectional(o.patchesVisibleProperty());
        ColorPicker boxColor = new ColorPicker();
        boxColor.setId("patchColor");
        boxColor.getStyleClass().add("button");
        boxColor.valueProperty().bindBidirectional(o.patchColorProperty());
        boxColor.setTooltip(new Tooltip("Colour of the patch boxes"));
        CheckBox labelsBox = new CheckBox("Rank · confluency labels");
        labelsBox.setId("labelsToggle");
        labelsBox.selectedProperty().bindBidirectional(o.labelsVisibleProperty());
        labelsBox.disableProperty().bind(o.patchesVisibleProperty().not());
        // collapsed: the toolbar toggles both overlays (M, P); colours and opacity are here when wanted, and the
        // parameter list keeps the height on small screens
        VBox overlayBox = new VBox(6, row(mask, spacer(), maskColor), row(new Label("Opacity"), opacity, opacityText),
                row(boxes, spacer(), boxColor), labelsBox);
        TitledPane overlays = new TitledPane("Overlay look", overlayBox);
        overlays.setId("overlaySection");
        overlays.setGraphic(new FontIcon("mdi2l-layers-outline"));
        overlays.setExpanded(false);
        overlays.setAnimated(false);

        // this frame
        summary.setId("selectionSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryText());
        note.setId("selectionNote");
        note.getStyleClass().add("selection-note");
        note.setWrapText(true);
        note.setGraphic(new FontIcon("mdi2a-alert-outline"));
        note.textProperty().bind(vm.noteText());
        note.visibleProperty().bind(vm.noteText().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        HBox summaryRow = row(summary, spacer(), busy);
        HBox.setHgrow(summary, Priority.ALWAYS);
        top.getChildren().addAll(header("This frame", "mdi2i-image-outline"), summaryRow, note);

        // parameters
        Button reset = new Button("Reset", new FontIcon("mdi2r-restore"));
        reset.setId("resetParameters");
        reset.setTooltip(new Tooltip("Back to the published defaults"));
        reset.setOnAction(e -> vm.resetParameters());
        reset.getStyleClass().add("small-button");
        HBox paramHeader = row(header("Parameters", "mdi2t-tune-vertical"), spacer(), reset);
        Map<String, GridPane> grids = new LinkedHashMap<>();
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (SelectionParameters.Spec spec : SelectionParameters.specs()) {
            ParameterLabels.Label human = ParameterLabels.of(spec.name());
            GridPane grid = grids.computeIfAbsent(human.group(), g -> parameterGrid());
            Label l = new Label(ParameterLabels.text(spec.name()));
            l.getStyleClass().add("parameter-name");
            l.setWrapText(true);
            l.setMinWidth(60);
            // plain words first; the code name (for --param name=value) and the default last
            String tip = (human.help().isEmpty() ? spec.description() : human.help())
                    + "\nDefault: " + SelectionViewModel.format(spec.getter().apply(SelectionParameters.defaults()))
                    + "\nScripting: --param " + spec.name() + "=VALUE";
            l.setTooltip(new Tooltip(tip));
            Control field = field(spec);
            field.setTooltip(new Tooltip(tip));
            field.setId("param-" + spec.name());
            int r = rows.merge(human.group(), 1, Integer::sum) - 1;
            grid.addRow(r, l, field);
            fields.put(spec.name(), field);
            labels.put(spec.name(), l);
        }
        paramError.setId("parameterError");
        paramError.getStyleClass().add("parameter-error");
        paramError.setWrapText(true);
        paramError.visibleProperty().bind(paramError.textProperty().isNotEmpty());
        paramError.managedProperty().bind(paramError.visibleProperty());
        Label hint = new Label("Edits re-run this frame; Apply runs every frame of the dataset.");
        hint.getStyleClass().add("selection-hint");
        hint.setWrapText(true);
        params.getChildren().add(paramHeader);
        for (String group : ParameterLabels.groups()) {
            GridPane grid = grids.get(group);
            if (grid != null) {
                Label groupHeader = new Label(group);
                groupHeader.getStyleClass().add("parameter-group");
                params.getChildren().addAll(groupHeader, grid);
            }
        }
        params.getChildren().addAll(hint, overlays);
        bottom.getChildren().addAll(paramError);
        vm.parametersProperty().addListener((ob, a, p) -> syncFields());
        syncFields();

        // dataset
        applyButton.setId("applyToDataset");
        applyButton.setMaxWidth(Double.MAX_VALUE);
        applyButton.setTooltip(new Tooltip("Select patches in every frame of the dataset with these parameters, "
                + "in the background, storing them in the dataset's workspace (.clanet); frames already done are "
                + "skipped"));
        applyButton.setOnAction(e -> vm.applyToDataset());
        HBox.setHgrow(applyButton, Priority.ALWAYS);
        cancelButton.setId("cancelApply");
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        Label taskText = new Label();
        taskText.getStyleClass().add("selection-hint");
        taskText.setWrapText(true);
        Label applyMessage = new Label();
        applyMessage.setId("applyMessage");
        applyMessage.setWrapText(true);
        applyMessage.textProperty().bind(vm.applyMessageProperty());
        Label wsText = new Label();
        wsText.setId("workspaceText");
        wsText.getStyleClass().add("selection-hint");
        wsText.setWrapText(true);
        wsText.textProperty().bind(vm.workspaceTextProperty());
        VBox running = new VBox(3, progress, taskText);
        running.managedProperty().bind(running.visibleProperty());
        running.setVisible(false);
        cancelButton.setVisible(false);
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        vm.applyTaskProperty().addListener((ob, a, t) -> showTask(t, progress, taskText, running));
        applyButton.disableProperty().bind(vm.datasetProperty().isNull());
        bottom.getChildren().addAll(header("Dataset", "mdi2d-database-outline"), row(applyButton, cancelButton),
                running, applyMessage, wsText);
    }

    private void showTask(JobTask<SelectionStage.Summary> t, ProgressBar progress, Label text, VBox running) {
        progress.progressProperty().unbind();
        text.textProperty().unbind();
        applyButton.disableProperty().unbind();
        cancelButton.visibleProperty().unbind();
        running.visibleProperty().unbind();
        if (t == null) {
            applyButton.disableProperty().bind(vm.datasetProperty().isNull());
            return;
        }
        progress.progressProperty().bind(t.progressProperty());
        text.textProperty().bind(t.messageProperty());
        var inFlight = t.runningProperty().or(Bindings.createBooleanBinding(
                () -> !t.isFinished(), t.stateProperty()));
        applyButton.disableProperty().bind(vm.datasetProperty().isNull().or(inFlight));
        cancelButton.visibleProperty().bind(inFlight);
        running.visibleProperty().bind(inFlight);
        cancelButton.setOnAction(e -> t.cancel());
    }

    private Control field(SelectionParameters.Spec spec) {
        if (spec.name().equals("grayCodes")) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().addAll("auto", "integer", "float");
            box.setMaxWidth(Double.MAX_VALUE);
            box.valueProperty().addListener((o, a, v) -> {
                if (!syncing && v != null) {
                    commit(spec.name(), v, box);
                }
            });
            return box;
        }
        TextField tf = new TextField();
        tf.setPrefColumnCount(6);
        tf.setMinWidth(48);
        tf.getStyleClass().add("parameter-field");
        tf.textProperty().addListener((o, a, v) -> {
            if (!syncing) {
                commit(spec.name(), v, tf);
            }
        });
        tf.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                syncFields(); // leaving an invalid field shows the value in force again
            }
        });
        return tf;
    }

    private void commit(String name, String text, Control field) {
        Optional<String> error = vm.setParameter(name, text);
        field.pseudoClassStateChanged(INVALID, error.isPresent());
        paramError.setText(error.map(m -> name + ": " + m).orElse(""));
    }

    /** Shows the parameters in force (after a reset or an outside change); leaves a field being typed alone. */
    private void syncFields() {
        SelectionParameters p = vm.getParameters();
        syncing = true;
        try {
            for (Map.Entry<String, Control> e : fields.entrySet()) {
                String name = e.getKey();
                Control c = e.getValue();
                labels.get(name).pseudoClassStateChanged(MODIFIED, !vm.isDefault(name));
                if (c instanceof ComboBox<?> box) {
                    @SuppressWarnings("unchecked")
                    ComboBox<String> b = (ComboBox<String>) box;
                    b.setValue(String.valueOf(p.get(name)));
                } else if (c instanceof TextField tf) {
                    if (tf.isFocused() && sameValue(p, name, tf.getText())) {
                        continue;
                    }
                    if (!sameValue(p, name, tf.getText())) {
                        tf.setText(vm.parameterText(name));
                    }
                    tf.pseudoClassStateChanged(INVALID, false);
                }
            }
            if (fields.values().stream().noneMatch(f -> f.getPseudoClassStates().contains(INVALID))) {
                paramError.setText("");
            }
        } finally {
            syncing = false;
        }
    }

    private static boolean sameValue(SelectionParameters p, String name, String text) {
        try {
            return p.with(name, text).equals(p);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static GridPane parameterGrid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("parameter-grid");
        grid.setHgap(8);
        grid.setVgap(3);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setHgrow(Priority.ALWAYS); // labels wrap rather than push the fields out
        c0.setPercentWidth(62);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setPercentWidth(38);
        c1.setFillWidth(true);
        grid.getColumnConstraints().addAll(c0, c1);
        return grid;
    }

    private static Label header(String text, String icon) {
        Label l = new Label(text, new FontIcon(icon));
        l.getStyleClass().add("section-header");
        return l;
    }

    private static HBox row(Node... nodes) {
        HBox b = new HBox(6, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    /** A parameter's field (tests). */
    public Control field(String name) {
        return fields.get(name);
    }

    public Button applyButton() {
        return applyButton;
    }
}
