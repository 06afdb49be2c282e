package org.clanet.workbench.app;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import org.clanet.workbench.app.inspector.InspectorViewModel.Row;
import org.clanet.workbench.app.navigator.NavigatorView;
import org.clanet.workbench.app.selection.PatchGalleryView;
import org.clanet.workbench.app.selection.SelectionPanel;
import org.clanet.workbench.app.selection.SelectionViewModel;
import org.clanet.workbench.app.tasks.TaskListView;
import org.clanet.workbench.app.timeline.TimelineView;
import org.clanet.workbench.app.viewer.ImageViewer;
import org.clanet.workbench.app.viewer.OverlayLayer;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.dataset.SkippedFile;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Thin controller of MainWindow.fxml: binds the controls to {@link WorkbenchViewModel} and forwards actions.
 * Window-level concerns (keys, drag and drop, theme, geometry, dialogs) live in {@link WorkbenchWindow}.
 */
public final class MainController {

    @FXML BorderPane root;
    @FXML Menu recentMenu;
    @FXML MenuButton recentButton;
    @FXML MenuItem openItem;
    @FXML MenuItem openSampleItem;
    @FXML Menu overlaysMenu;
    @FXML CheckMenuItem darkThemeItem;
    @FXML ToggleButton themeToggle;
    @FXML Label zoomLabel;
    @FXML Slider brightnessSlider;
    @FXML Slider contrastSlider;
    @FXML javafx.scene.control.CheckBox autoLevelsToggle;
    @FXML SplitPane mainSplit;
    @FXML SplitPane centerSplit;
    @FXML Label datasetSummary;
    @FXML NavigatorView navigator;
    @FXML ImageViewer viewer;
    @FXML TimelineView timeline;
    @FXML TabPane sideTabs;
    @FXML TabPane logTabs;
    @FXML SplitPane sideSplit;
    @FXML TableView<Row> inspectorTable;
    @FXML TableColumn<Row, String> inspectorName;
    @FXML TableColumn<Row, String> inspectorValue;
    @FXML Tab skippedTab;
    @FXML TableView<SkippedFile> skippedTable;
    @FXML TableColumn<SkippedFile, String> skippedFile;
    @FXML TableColumn<SkippedFile, String> skippedReason;
    @FXML Tab tasksTab;
    @FXML Tab selectionTab;
    @FXML SelectionPanel selectionPanel;
    @FXML Tab patchesTab;
    @FXML PatchGalleryView patchGallery;
    @FXML ToggleButton maskOverlayToggle;
    @FXML ToggleButton patchOverlayToggle;
    @FXML TaskListView taskList;
    @FXML StatusBar statusBar;
    @FXML javafx.scene.control.MenuBar menuBar;
    @FXML javafx.scene.control.ToolBar toolBar;
    @FXML javafx.scene.layout.StackPane viewerPane;

    private WorkbenchViewModel vm;
    private WorkbenchWindow window;
    IdentificationWiring identification;

    void bind(WorkbenchViewModel model, WorkbenchWindow win) {
        this.vm = model;
        this.window = win;
        ViewerViewModel v = vm.viewer();
        navigator.bind(vm.navigator());
        viewer.bind(v);
        timeline.bind(vm.timeline(), vm.thumbnails());
        taskList.bind(vm.tasks());

        // patch selection: panel, gallery, overlay toggles; each computes only while it is on screen
        SelectionViewModel sel = vm.selection();
        selectionPanel.bind(sel);
        patchGallery.bind(sel.gallery());
        sel.panelActiveProperty().bind(selectionTab.selectedProperty());
        sel.gallery().activeProperty().bind(patchesTab.selectedProperty());
        maskOverlayToggle.selectedProperty().bindBidirectional(sel.overlays().maskVisibleProperty());
        patchOverlayToggle.selectedProperty().bindBidirectional(sel.overlays().patchesVisibleProperty());

        datasetSummary.textProperty().bind(Bindings.createStringBinding(() -> {
            String err = vm.dataset().errorProperty().get();
            return err.isEmpty() ? vm.dataset().summaryProperty().get() : err;
        }, vm.dataset().summaryProperty(), vm.dataset().errorProperty()));
        vm.dataset().errorProperty().addListener((o, a, e) -> datasetSummary.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), !e.isEmpty()));

        brightnessSlider.valueProperty().bindBidirectional(v.brightnessProperty());
        contrastSlider.valueProperty().bindBidirectional(v.contrastProperty());
        autoLevelsToggle.selectedProperty().bindBidirectional(v.autoLevelsProperty());
        zoomLabel.textProperty().bind(Bindings.createStringBinding(v::zoomText, v.transformProperty()));

        // inspector
        inspectorName.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        inspectorValue.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        inspectorValue.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null || s.length() < 24 ? null : new Tooltip(s));
            }
        });
        inspectorTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("section"),
                        !empty && r != null && r.name().isEmpty());
            }
        });
        inspectorTable.setItems(vm.inspector().rows());
        inspectorTable.setPlaceholder(new Label("Select a sequence to see its metadata."));

        // skipped files
        skippedFile.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().relativePath()));
        skippedReason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        skippedReason.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null ? null : new Tooltip(s));
            }
        });
        skippedTable.setItems(vm.dataset().skipped());
        skippedTab.textProperty().bind(Bindings.createStringBinding(
                () -> "Skipped (" + vm.dataset().skipped().size() + ")", vm.dataset().skipped()));

        // tasks tab title shows how many run
        tasksTab.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.tasks().runningCount().get();
            return n == 0 ? "Tasks" : "Tasks (" + n + ")";
        }, vm.tasks().runningCount()));

        // recent datasets
        vm.dataset().recent().addListener((ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        openSampleItem.setDisable(WorkbenchViewModel.sampleDataCandidates().stream()
                .noneMatch(java.nio.file.Files::isDirectory));

        // overlays menu: one check item per layer
        v.layers().addListener((ListChangeListener<OverlayLayer>) c -> rebuildOverlays());
        rebuildOverlays();

        // status bar
        statusBar.textProperty().bind(vm.currentTaskText());
        statusBar.progressProperty().bind(vm.currentTaskProgress());
        Label readout = statusLabel("mdi2c-crosshairs", "Pixel under the pointer: x, y, value in [0,1] (raw code)");
        readout.textProperty().bind(v.readoutProperty());
        javafx.scene.Node crosshair = readout.getGraphic();
        readout.graphicProperty().bind(Bindings.when(v.readoutProperty().isEmpty())
                .then((javafx.scene.Node) null).otherwise(crosshair));
        readout.setId("pixelReadout");
        readout.setMinWidth(230);
        readout.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label memory = statusLabel("mdi2m-memory", "Java heap in use / maximum");
        memory.textProperty().bind(vm.status().memoryProperty());
        Label engine = statusLabel("mdi2c-chip", "Deep-learning engine and device");
        engine.textProperty().bind(vm.status().engineProperty());
        engine.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip(vm.status().engineDetailProperty().get()), vm.status().engineDetailProperty()));
        engine.setId("engineLabel");
        statusBar.getRightItems().setAll(readout, new javafx.scene.control.Separator(
                javafx.geometry.Orientation.VERTICAL), memory, new javafx.scene.control.Separator(
                javafx.geometry.Orientation.VERTICAL), engine);

        // theme
        darkThemeItem.selectedProperty().bindBidirectional(themeToggle.selectedProperty());

        // prediction, attention, training, evaluation, models (issue 12)
        identification = IdentificationWiring.install(this, vm.identification());
    }

    ViewerViewModel vmViewer() {
        return vm.viewer();
    }

    private static Label statusLabel(String icon, String tooltip) {
        Label l = new Label("", new FontIcon(icon));
        l.setTooltip(new Tooltip(tooltip));
        l.getStyleClass().add("status-item");
        return l;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        recentButton.getItems().clear();
        for (Path p : vm.dataset().recent()) {
            recentMenu.getItems().add(recentItem(p));
            recentButton.getItems().add(recentItem(p));
        }
        if (!vm.dataset().recent().isEmpty()) {
            MenuItem clear = new MenuItem("Clear list");
            clear.setOnAction(e -> vm.dataset().clearRecent());
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
        recentMenu.setDisable(vm.dataset().recent().isEmpty());
        recentButton.setDisable(vm.dataset().recent().isEmpty());
    }

    private MenuItem recentItem(Path p) {
        MenuItem it = new MenuItem(p.getFileName() + "  —  " + p);
        it.setMnemonicParsing(false);
        it.setOnAction(e -> vm.open(p));
        return it;
    }

    private void rebuildOverlays() {
        overlaysMenu.getItems().clear();
        for (OverlayLayer l : vm.viewer().layers()) {
            CheckMenuItem it = new CheckMenuItem(l.name());
            it.selectedProperty().bindBidirectional(l.visibleProperty());
            overlaysMenu.getItems().add(it);
        }
        overlaysMenu.setDisable(vm.viewer().layers().isEmpty());
    }

    @FXML
    void onOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a dataset folder (LINE/batch/images, or a folder of images)");
        vm.dataset().recent().stream().findFirst().map(Path::getParent).map(Path::toFile)
                .filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    @FXML
    void onOpenSample() {
        WorkbenchViewModel.sampleDataCandidates().stream().filter(java.nio.file.Files::isDirectory).findFirst()
                .ifPresent(vm::open);
    }

    @FXML
    void onRescan() {
        if (vm.dataset().getDataset() != null) {
            vm.open(vm.dataset().getDataset().root());
        }
    }

    @FXML
    void onExit() {
        window.close();
    }

    @FXML
    void onFit() {
        vm.viewer().fit();
    }

    @FXML
    void onOneToOne() {
        vm.viewer().oneToOne();
    }

    @FXML
    void onZoomIn() {
        vm.viewer().zoomIn();
    }

    @FXML
    void onZoomOut() {
        vm.viewer().zoomOut();
    }

    /** View → Pixel size…: the dataset's µm per pixel for the scale bar (empty: from the files, or pixels). */
    @FXML
    void onPixelSize() {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(
                vm.scaleBar().micronsPerPixelProperty().get() > 0
                        ? String.valueOf(vm.scaleBar().micronsPerPixelProperty().get()) : "");
        d.setTitle("Pixel size");
        d.setHeaderText("Pixel size of this dataset, for the scale bar");
        d.setContentText("µm per pixel (empty: from the TIFF resolution tags, else a bar in pixels):");
        d.showAndWait().ifPresent(text -> {
            try {
                vm.setDatasetPixelSize(text.isBlank() ? 0 : Double.parseDouble(text.trim().replace(',', '.')));
            } catch (NumberFormatException e) {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.WARNING, "Not a number: " + text);
                a.setHeaderText("Pixel size unchanged");
                a.showAndWait();
            }
        });
    }

    @FXML
    void onResetDisplay() {
        vm.viewer().resetDisplay();
    }

    @FXML
    void onAbout() {
        window.showAbout();
    }

    @FXML
    void onShowLog() {
        window.showLog();
    }

    @FXML
    void onOpenLogFolder() {
        window.openLogFolder();
    }

    @FXML
    void onShortcuts() {
        window.showShortcuts();
    }
}
