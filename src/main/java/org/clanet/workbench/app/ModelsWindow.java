package org.clanet.workbench.app;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.clanet.workbench.app.evaluation.EvaluationView;
import org.clanet.workbench.app.models.ModelCatalog;
import org.clanet.workbench.app.training.TrainingDashboardView;
import org.clanet.workbench.mil.store.ModelRecord;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The second window for model work, which needs more room than a side tab: the training dashboard, the
 * evaluation view and the workspace's models (import, export, evaluate). One per main window; opened from the
 * Identify menu and from the result card's Train….
 */
public final class ModelsWindow {

    public enum Page {
        TRAINING, EVALUATION, MODELS
    }

    private final Stage stage = new Stage();
    private final IdentificationViewModel vm;
    private final TabPane tabs = new TabPane();
    private final TrainingDashboardView dashboard;
    private org.clanet.workbench.app.training.SnippetView snippetView;
    private final EvaluationView evaluationView;
    private final TableView<ModelCatalog.Entry> table = new TableView<>();
    private final ComboBox<ModelRecord> evalModel = new ComboBox<>();

    public ModelsWindow(Window owner, IdentificationViewModel vm, java.util.List<String> stylesheets) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.setTitle("CLANet Workbench — training, evaluation and models");
        dashboard = new TrainingDashboardView(vm.training());
        evaluationView = new EvaluationView(vm.evaluation());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("Training", "mdi2s-school-outline", trainingPage()),
                tab("Evaluation", "mdi2c-chart-box-outline", evaluationPage()),
                tab("Models", "mdi2c-cube-outline", modelsPage()));
        tabs.setId("modelsTabs");
        Scene scene = new Scene(tabs, 1180, 760);
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
        vm.catalog().addListener((javafx.collections.ListChangeListener<ModelCatalog.Entry>) c -> refreshModels());
        refreshModels();
    }

    /** The dashboard above the snippet view of the selected sequence (what TSS draws for it, with attention). */
    private javafx.scene.control.SplitPane trainingPage() {
        snippetView = new org.clanet.workbench.app.training.SnippetView(vm.snippets());
        javafx.scene.control.TitledPane snippets = new javafx.scene.control.TitledPane(
                "Snippets of the selected sequence (training's sampling; attention of the stored prediction)",
                snippetView);
        snippets.setCollapsible(false);
        javafx.scene.control.SplitPane page = new javafx.scene.control.SplitPane(dashboard, snippets);
        page.setOrientation(javafx.geometry.Orientation.VERTICAL);
        page.setDividerPositions(0.68);
        vm.refreshSnippets();
        return page;
    }

    public org.clanet.workbench.app.training.SnippetView snippetView() {
        return snippetView;
    }

    private static Tab tab(String text, String icon, javafx.scene.Node content) {
        Tab t = new Tab(text, content);
        t.setGraphic(new FontIcon(icon));
        return t;
    }

    public void show(Page page) {
        tabs.getSelectionModel().select(page.ordinal());
        vm.reloadCatalog();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public TrainingDashboardView dashboard() {
        return dashboard;
    }

    public EvaluationView evaluationView() {
        return evaluationView;
    }

    private void refreshModels() {
        ModelRecord chosen = evalModel.getValue();
        var models = vm.catalog().stream().map(ModelCatalog.Entry::model).filter(m -> m != null).toList();
        evalModel.getItems().setAll(models);
        evalModel.setValue(chosen != null && models.stream().anyMatch(m -> m.id().equals(chosen.id()))
                ? models.stream().filter(m -> m.id().equals(chosen.id())).findFirst().get()
                : models.stream().filter(ModelRecord::usable).findFirst().orElse(null));
    }

    private BorderPane evaluationPage() {
        evalModel.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelRecord m) {
                return m == null ? "" : m.id() + " · " + m.name() + " · " + m.status();
            }

            @Override
            public ModelRecord fromString(String s) {
                return null;
            }
        });
        evalModel.setPromptText("No model yet");
        evalModel.setId("evalModel");
        Button evaluate = new Button("Evaluate", new FontIcon("mdi2p-play"));
        evaluate.setId("evaluateButton");
        evaluate.setTooltip(new Tooltip("Evaluate the model on its test split (best and last weights), as"
                + " `clanet evaluate`"));
        evaluate.disableProperty().bind(evalModel.valueProperty().isNull());
        evaluate.setOnAction(e -> vm.evaluate(evalModel.getValue()));
        Label msg = new Label();
        msg.textProperty().bind(vm.modelsMessageProperty());
        HBox bar = new HBox(8, new Label("Model"), evalModel, evaluate, msg);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        BorderPane p = new BorderPane(evaluationView);
        p.setTop(bar);
        return p;
    }

    private VBox modelsPage() {
        table.getColumns().add(col("Type", ModelCatalog.Entry::type, 90));
        table.getColumns().add(col("Id", ModelCatalog.Entry::id, 120));
        table.getColumns().add(col("Name", ModelCatalog.Entry::name, 200));
        table.getColumns().add(col("Kind", ModelCatalog.Entry::kind, 80));
        table.getColumns().add(col("Status", ModelCatalog.Entry::status, 90));
        table.getColumns().add(col("Created", ModelCatalog.Entry::created, 130));
        table.getColumns().add(col("Provenance", ModelCatalog.Entry::details, 420));
        table.setItems(vm.catalog());
        table.setPlaceholder(new Label("No encoders or models in this dataset's workspace yet."));
        table.setId("modelsTable");
        VBox.setVgrow(table, Priority.ALWAYS);
        Button importModel = new Button("Import model…", new FontIcon("mdi2i-import"));
        importModel.setOnAction(e -> chooseModel(stage));
        Button importEncoder = new Button("Import encoder…", new FontIcon("mdi2i-import"));
        importEncoder.setOnAction(e -> chooseEncoder());
        Button export = new Button("Export model…", new FontIcon("mdi2e-export"));
        export.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ModelCatalog.Entry s = table.getSelectionModel().getSelectedItem();
            return s == null || s.model() == null || !s.model().usable();
        }, table.getSelectionModel().selectedItemProperty()));
        export.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Export the model's best.npz and class names into a folder");
            File dir = c.showDialog(stage);
            if (dir != null) {
                vm.exportModel(table.getSelectionModel().getSelectedItem().model(), dir.toPath());
            }
        });
        Button evaluate = new Button("Evaluate", new FontIcon("mdi2c-chart-box-outline"));
        evaluate.disableProperty().bind(export.disableProperty());
        evaluate.setOnAction(e -> {
            evalModel.setValue(table.getSelectionModel().getSelectedItem().model());
            tabs.getSelectionModel().select(Page.EVALUATION.ordinal());
            vm.evaluate(evalModel.getValue());
        });
        Button reload = new Button(null, new FontIcon("mdi2r-refresh"));
        reload.setTooltip(new Tooltip("Read the workspace again"));
        reload.setOnAction(e -> vm.reloadCatalog());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, importModel, importEncoder, export, evaluate, spacer, reload);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label msg = new Label();
        msg.textProperty().bind(vm.modelsMessageProperty());
        msg.setWrapText(true);
        VBox box = new VBox(8, bar, table, msg);
        box.setPadding(new Insets(8));
        return box;
    }

    private static TableColumn<ModelCatalog.Entry, String> col(String name,
            java.util.function.Function<ModelCatalog.Entry, String> f, double width) {
        TableColumn<ModelCatalog.Entry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Import model…: the .npz, then its class names (one per line; cancel if the .npz has them). */
    void chooseModel(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Import a MIL model (.npz with the published names)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("MIL model (*.npz)", "*.npz"));
        File npz = c.showOpenDialog(owner);
        if (npz == null) {
            return;
        }
        FileChooser names = new FileChooser();
        names.setTitle("Its class names: classes.txt, one line name per line (cancel if the .npz has them)");
        names.setInitialDirectory(npz.getParentFile());
        names.getExtensionFilters().add(new FileChooser.ExtensionFilter("Class names (*.txt)", "*.txt"));
        File classes = names.showOpenDialog(owner);
        Path cls = classes == null ? null : classes.toPath();
        vm.importModel(npz.toPath(), cls);
    }

    private void chooseEncoder() {
        FileChooser c = new FileChooser();
        c.setTitle("Import an encoder (ViT .npz with the published names, or TorchScript .pt)");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Encoder (*.npz, *.pt)", "*.npz", "*.pt"));
        File f = c.showOpenDialog(stage);
        if (f != null) {
            vm.importEncoder(f.toPath());
        }
    }
}
