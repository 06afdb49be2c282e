package org.clanet.workbench.app;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.clanet.workbench.app.attention.FrameStripView;
import org.clanet.workbench.app.attention.HeatmapHover;
import org.clanet.workbench.app.attention.HeatmapLegend;
import org.clanet.workbench.app.attention.TopAttentionGalleryView;
import org.clanet.workbench.app.prediction.PredictionViewModel;
import org.clanet.workbench.app.prediction.PredictionViewModel.Scope;
import org.clanet.workbench.app.prediction.ResultCardView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Places issue 12's views into the main window without editing its FXML: the Identify menu and the Predict
 * toolbar button (Ctrl+P), the Prediction side tab (result card, top-attention gallery), the heatmap legend and
 * hover on the viewer, the frame strip above the timeline thumbnails, and the training / evaluation / models
 * window.
 */
final class IdentificationWiring {

    private final MainController c;
    private final IdentificationViewModel vm;
    private ModelsWindow models;
    final ResultCardView card;
    final TopAttentionGalleryView gallery;
    final FrameStripView strip;
    final HeatmapLegend legend;
    final Tab predictionTab;
    final SplitMenuButton predictButton;

    private IdentificationWiring(MainController c, IdentificationViewModel vm) {
        this.c = c;
        this.vm = vm;
        PredictionViewModel p = vm.prediction();
        p.card().setOnTrain(() -> models().show(ModelsWindow.Page.TRAINING));
        p.card().setOnImport(() -> models().chooseModel(c.root.getScene().getWindow()));

        // Prediction side tab: the card, what happened, the top-attention patches
        card = new ResultCardView(p.card());
        card.setId("resultCard");
        Label message = new Label();
        message.textProperty().bind(p.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("prediction-message");
        gallery = new TopAttentionGalleryView(vm.topAttention());
        gallery.setId("topAttentionGallery");
        Label galleryTitle = new Label("Most attended patches", new FontIcon("mdi2f-fire"));
        galleryTitle.getStyleClass().add("pane-header");
        VBox.setVgrow(gallery, Priority.ALWAYS);
        VBox box = new VBox(6, card, message, galleryTitle, gallery);
        box.setPadding(new Insets(6));
        predictionTab = new Tab("Prediction", box);
        predictionTab.setGraphic(new FontIcon("mdi2t-target"));
        predictionTab.setId("predictionTab");
        c.sideTabs.getTabs().add(predictionTab); // last: the existing tabs keep their places (and headers)

        // heatmap on the viewer: legend in a corner while there is a heatmap to show, hover tooltip
        legend = new HeatmapLegend(vm.heatmapLayer());
        legend.setId("heatmapLegend");
        legend.visibleProperty().bind(p.heatmapProperty().isNotNull()
                .and(vm.heatmapLayer().visibleProperty()));
        legend.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new Insets(8));
        c.viewerPane.getChildren().add(legend);
        HeatmapHover.install(c.viewer, c.vmViewer(), vm.heatmapLayer());

        // frame strip above the timeline's thumbnails, one bar per thumbnail
        strip = new FrameStripView(p.strip());
        strip.setId("frameStrip");
        strip.followThumbnails(c.timeline.strip());
        strip.visibleProperty().bind(p.strip().stripProperty().isNotNull());
        strip.managedProperty().bind(strip.visibleProperty());
        int at = c.timeline.getChildren().indexOf(c.timeline.strip());
        c.timeline.getChildren().add(Math.max(0, at), strip);

        // toolbar: Predict (sequence; batch and dataset in its menu) and the heatmap toggle
        predictButton = new SplitMenuButton(item("Predict the selected sequence", Scope.SEQUENCE, null),
                item("Predict its batch", Scope.BATCH, null), item("Predict the whole dataset", Scope.DATASET, null));
        predictButton.setText("Predict");
        predictButton.setGraphic(new FontIcon("mdi2t-target"));
        predictButton.setId("predictButton");
        predictButton.setTooltip(new Tooltip("Identify the selected sequence's cell line (Ctrl+P): whatever is"
                + " missing (masks, patches, embeddings) runs first. The arrow predicts its batch or the dataset."));
        predictButton.setOnAction(e -> predict(Scope.SEQUENCE));
        predictButton.disableProperty().bind(p.sequenceProperty().isNull());
        ToggleButton heatmapToggle = new ToggleButton(null, new FontIcon("mdi2f-fire"));
        heatmapToggle.setTooltip(new Tooltip("Attention heatmap of the prediction (style in its legend)"));
        heatmapToggle.selectedProperty().bindBidirectional(vm.heatmapLayer().visibleProperty());
        heatmapToggle.setId("heatmapToggle");
        int tb = c.toolBar.getItems().indexOf(c.patchOverlayToggle);
        c.toolBar.getItems().addAll(tb + 1, java.util.List.of(heatmapToggle, new Separator(
                javafx.geometry.Orientation.VERTICAL), predictButton));

        // Identify menu, before Help
        Menu menu = new Menu("_Identify");
        menu.setId("identifyMenu");
        menu.getItems().addAll(
                item("_Predict the selected sequence", Scope.SEQUENCE,
                        new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN)),
                item("Predict its _batch", Scope.BATCH,
                        new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)),
                item("Predict the whole _dataset", Scope.DATASET, null),
                new SeparatorMenuItem(),
                action("_Training dashboard…", "mdi2s-school-outline",
                        () -> models().show(ModelsWindow.Page.TRAINING)),
                action("_Evaluation…", "mdi2c-chart-box-outline", () -> models().show(ModelsWindow.Page.EVALUATION)),
                action("_Models…", "mdi2c-cube-outline", () -> models().show(ModelsWindow.Page.MODELS)),
                new SeparatorMenuItem(),
                action("_Import model…", "mdi2i-import", () -> models().chooseModel(c.root.getScene().getWindow())));
        int help = c.menuBar.getMenus().size() - 1;
        c.menuBar.getMenus().add(Math.max(0, help), menu);
    }

    static IdentificationWiring install(MainController c, IdentificationViewModel vm) {
        return new IdentificationWiring(c, vm);
    }

    private MenuItem item(String text, Scope scope, KeyCombination key) {
        MenuItem it = new MenuItem(text);
        if (key != null) {
            it.setAccelerator(key);
        }
        it.setOnAction(e -> predict(scope));
        return it;
    }

    private static MenuItem action(String text, String icon, Runnable r) {
        MenuItem it = new MenuItem(text, new FontIcon(icon));
        it.setOnAction(e -> r.run());
        return it;
    }

    /** Predict: runs the task and shows the Prediction tab, where the card appears. */
    void predict(Scope scope) {
        if (vm.prediction().predict(scope) != null) {
            c.sideTabs.getSelectionModel().select(predictionTab);
        }
    }

    ModelsWindow models() {
        if (models == null) {
            models = new ModelsWindow(c.root.getScene().getWindow(), vm, c.root.getScene().getStylesheets());
        }
        return models;
    }
}
