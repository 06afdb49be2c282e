package org.clanet.workbench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.prefs.WorkbenchPreferences.Theme;
import org.clanet.workbench.pipeline.SessionLog;

/**
 * The main window: loads MainWindow.fxml, applies CSS and theme, restores and saves geometry and divider
 * layout, routes keyboard shortcuts and drag-and-drop to the view model, samples memory every second, and shows
 * the About box and the session log.
 */
public final class WorkbenchWindow {

    public static final String TITLE = "CLANet Workbench";
    private static final String CSS = "workbench.css";
    private static final String DARK_CSS = "workbench-dark.css";

    private final Stage stage;
    private final WorkbenchViewModel vm;
    private final Consumer<String> openUri;
    private final MainController controller;
    private final Scene scene;
    private final Timeline memoryTimer;
    /** Reads files for dialogs (session log, licence) off the FX thread; its thread ends when idle. */
    private final java.util.concurrent.Executor io = org.clanet.workbench.app.util.Executors2.fixed("clanet-io", 1);

    /**
     * @param openUri opens a folder or URL with the desktop (HostServices#showDocument), or null
     */
    public WorkbenchWindow(Stage stage, WorkbenchViewModel vm, Consumer<String> openUri) {
        this.stage = stage;
        this.vm = vm;
        this.openUri = openUri;
        FXMLLoader loader = new FXMLLoader(WorkbenchWindow.class.getResource("MainWindow.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainWindow.fxml", e);
        }
        controller = loader.getController();
        controller.bind(vm, this);
        WorkbenchPreferences prefs = vm.context().prefs();
        Optional<WorkbenchPreferences.WindowGeometry> geometry = prefs.window().filter(WorkbenchWindow::onScreen);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, geometry.map(g -> g.width()).orElse(Math.min(1440.0, screen.getWidth() * 0.92)),
                geometry.map(g -> g.height()).orElse(Math.min(900.0, screen.getHeight() * 0.92)));
        scene.getStylesheets().add(WorkbenchWindow.class.getResource(CSS).toExternalForm());
        controller.themeToggle.setSelected(prefs.theme() == Theme.DARK);
        applyTheme(prefs.theme() == Theme.DARK);
        controller.themeToggle.selectedProperty().addListener((o, a, dark) -> applyTheme(dark));
        restoreDividers(prefs);
        vm.selection().overlays().apply(prefs.section("overlays"));
        installKeys();
        installDragAndDrop();

        stage.setTitle(TITLE);
        stage.setScene(scene);
        geometry.ifPresent(g -> {
            stage.setX(g.x());
            stage.setY(g.y());
            stage.setMaximized(g.maximized());
        });
        // The installer's icon (resources/icons), so window, menu entry and package look the same.
        for (String icon : new String[] {"/icons/clanet-64.png", "/icons/clanet.png"}) {
            stage.getIcons().add(new javafx.scene.image.Image(
                    WorkbenchWindow.class.getResource(icon).toExternalForm()));
        }
        vm.dataset().datasetProperty().addListener((o, a, d) -> stage.setTitle(
                d == null ? TITLE : TITLE + " — " + d.root()));
        stage.setOnHidden(e -> saveLayout());

        memoryTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.status().sampleMemory()));
        memoryTimer.setCycleCount(Animation.INDEFINITE);
        memoryTimer.play();
        vm.status().sampleMemory();
    }

    public void show() {
        stage.show();
    }

    public void close() {
        stage.close();
    }

    public Stage stage() {
        return stage;
    }

    public MainController controller() {
        return controller;
    }

    private static boolean onScreen(WorkbenchPreferences.WindowGeometry g) {
        try {
            return !Screen.getScreensForRectangle(new Rectangle2D(g.x(), g.y(), g.width(), g.height())).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void applyTheme(boolean dark) {
        String url = WorkbenchWindow.class.getResource(DARK_CSS).toExternalForm();
        scene.getStylesheets().remove(url);
        if (dark) {
            scene.getStylesheets().add(url);
        }
        vm.context().prefs().setTheme(dark ? Theme.DARK : Theme.LIGHT);
    }

    private void restoreDividers(WorkbenchPreferences prefs) {
        double[] main = prefs.dividers("main");
        if (main.length == 2) {
            controller.mainSplit.setDividerPositions(main);
        }
        double[] center = prefs.dividers("center");
        if (center.length == 1) {
            controller.centerSplit.setDividerPositions(center);
        }
        double[] side = prefs.dividers("side");
        if (side.length == 1) {
            controller.sideSplit.setDividerPositions(side);
        }
    }

    /** Saves window geometry, dividers and theme. */
    public void saveLayout() {
        WorkbenchPreferences prefs = vm.context().prefs();
        if (!stage.isIconified() && stage.getWidth() > 0) {
            prefs.setWindow(new WorkbenchPreferences.WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
        }
        prefs.setDividers("main", controller.mainSplit.getDividerPositions());
        prefs.setDividers("center", controller.centerSplit.getDividerPositions());
        prefs.setDividers("side", controller.sideSplit.getDividerPositions());
        prefs.setSection("overlays", vm.selection().overlays().toMap());
        prefs.save();
        memoryTimer.stop();
    }

    private static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    private void installKeys() {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN.match(e)) {
                controller.onOpen();
                e.consume();
                return;
            }
            if (e.isShortcutDown() || e.isAltDown() || scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            boolean handled = true;
            switch (e.getCode()) {
                case LEFT, KP_LEFT -> vm.timeline().step(-1);
                case RIGHT, KP_RIGHT -> vm.timeline().step(1);
                case HOME -> vm.timeline().first();
                case END -> vm.timeline().last();
                case SPACE -> vm.timeline().togglePlay();
                case F -> vm.viewer().fit();
                case DIGIT1, NUMPAD1 -> vm.viewer().oneToOne();
                case M -> toggle(vm.selection().overlays().maskVisibleProperty());
                case P -> toggle(vm.selection().overlays().patchesVisibleProperty());
                case PLUS, EQUALS, ADD -> vm.viewer().zoomIn();
                case MINUS, SUBTRACT -> vm.viewer().zoomOut();
                default -> handled = false;
            }
            if (handled) {
                e.consume();
            }
        });
    }

    private void installDragAndDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<java.io.File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            boolean ok = false;
            if (!files.isEmpty()) {
                Path p = files.get(0).toPath();
                vm.open(Files.isDirectory(p) ? p : p.getParent());
                ok = true;
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About " + TITLE);
        a.setHeaderText(TITLE + " " + version());
        TextArea text = new TextArea(aboutText("Reading…"));
        // the licence file is read off the FX thread
        inBackground(WorkbenchWindow::sampleDataLicence, licence -> text.setText(aboutText(licence)));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(560, 320);
        a.getDialogPane().setContent(text);
        a.showAndWait();
    }

    String aboutText() {
        return aboutText(sampleDataLicence());
    }

    /** The About text with the sample data's licence as given (read in the background). */
    String aboutText(String licence) {
        StringBuilder sb = new StringBuilder();
        sb.append("Identify cell lines from time-lapse brightfield images with the CLANet method.\n\n");
        sb.append("Version: ").append(version()).append('\n');
        sb.append("Java: ").append(System.getProperty("java.version")).append(", JavaFX ")
                .append(System.getProperty("javafx.runtime.version", "?")).append('\n');
        sb.append("Deep-learning engine: ").append(vm.status().engineProperty().get());
        String detail = vm.status().engineDetailProperty().get();
        sb.append(detail.isEmpty() ? "" : " (" + detail + ")").append('\n');
        sb.append("Data folder: ").append(org.clanet.workbench.pipeline.RuntimeSetup.dataHome()).append('\n');
        sb.append("Session log: ").append(SessionLog.current()).append("\n\n");
        sb.append("Sample data\n").append(licence).append("\n\n");
        sb.append("Built with OpenJFX, ControlsFX, Ikonli (Material Design Icons), DJL/PyTorch, OpenCV.");
        return sb.toString();
    }

    static String sampleDataLicence() {
        for (Path dir : WorkbenchViewModel.sampleDataCandidates()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (String name : new String[] {"LICENSE.md", "LICENSE", "LICENSE.txt", "SOURCES.md", "README.md"}) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    try {
                        String s = Files.readString(f, StandardCharsets.UTF_8);
                        return dir + "/" + name + ":\n" + (s.length() > 4000 ? s.substring(0, 4000) + "…" : s);
                    } catch (IOException e) {
                        return f + ": " + e.getMessage();
                    }
                }
            }
            return dir + " (no licence file found)";
        }
        return "No sample data next to the application.";
    }

    static String version() {
        String v = WorkbenchWindow.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    void showLog() {
        Path log = SessionLog.current();
        Stage s = new Stage();
        s.initOwner(stage);
        s.setTitle("Session log — " + (log == null ? "none" : log.getFileName()));
        TextArea area = new TextArea();
        area.setEditable(false);
        area.getStyleClass().add("log-view");
        Runnable reload = () -> {
            if (area.getText().isEmpty()) {
                area.setText("Reading…");
            }
            // read off the FX thread, and only the end of a long log
            inBackground(() -> readLog(log), text -> {
                area.setText(text);
                area.positionCaret(area.getLength());
            });
        };
        reload.run();
        Button refresh = new Button("Reload");
        refresh.setOnAction(e -> reload.run());
        Button folder = new Button("Open log folder");
        folder.setOnAction(e -> openLogFolder());
        folder.setDisable(openUri == null || log == null);
        HBox bar = new HBox(8, refresh, folder, new Label(log == null ? "" : log.toString()));
        bar.setStyle("-fx-padding: 6");
        BorderPane pane = new BorderPane(area, null, null, bar, null);
        Scene sc = new Scene(pane, 900, 560);
        sc.getStylesheets().addAll(scene.getStylesheets());
        s.setScene(sc);
        s.show();
    }

    /** Lines of the session log the log window shows: the last ones. */
    static final int LOG_LINES = 2000;

    static String readLog(Path log) {
        if (log == null) {
            return "No session log (the workbench was started without RuntimeSetup).";
        }
        try {
            return tail(log, LOG_LINES, 8 << 20);
        } catch (IOException e) {
            return "Cannot read " + log + ": " + e.getMessage();
        }
    }

    /**
     * The last {@code maxLines} lines of a text file (UTF-8), read backwards from its end: a long log is not read
     * whole. At most {@code maxBytes} are read.
     */
    static String tail(Path file, int maxLines, int maxBytes) throws IOException {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            long start = size;
            int newlines = 0;
            java.util.ArrayDeque<byte[]> chunks = new java.util.ArrayDeque<>();
            while (start > 0 && newlines <= maxLines && size - start < maxBytes) {
                int n = (int) Math.min(64 * 1024, start);
                start -= n;
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
                ch.position(start);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read the whole chunk
                }
                byte[] b = buf.array();
                for (int i = 0; i < buf.position(); i++) {
                    if (b[i] == '\n' && start + i != size - 1) { // a trailing newline starts no line
                        newlines++;
                    }
                }
                chunks.addFirst(b);
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream((int) (size - start));
            for (byte[] b : chunks) {
                all.write(b);
            }
            String text = all.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            List<String> lines = List.of(text.split("\n", -1));
            int from = Math.max(start > 0 ? 1 : 0, lines.size() - maxLines); // a first line cut in two is dropped
            return String.join("\n", lines.subList(Math.min(from, lines.size()), lines.size()));
        }
    }

    /** Runs {@code work} on a background thread and hands its result to {@code done} on the FX thread. */
    private <T> void inBackground(java.util.function.Supplier<T> work, Consumer<T> done) {
        io.execute(() -> {
            T r = work.get();
            javafx.application.Platform.runLater(() -> done.accept(r));
        });
    }

    void openLogFolder() {
        Path log = SessionLog.current();
        if (log == null || openUri == null) {
            return;
        }
        openUri.accept(log.getParent().toUri().toString());
    }

    private static void toggle(javafx.beans.property.BooleanProperty p) {
        p.set(!p.get());
    }

    /** Key, what it does: the Help → Keyboard shortcuts table (tests read it). */
    static final String[][] SHORTCUTS = {
        {"Ctrl+O", "open a dataset folder (or drop a folder on the window)"},
        {"F5", "rescan the dataset"},
        {"← / →", "previous / next frame"},
        {"Home / End", "first / last frame"},
        {"Space", "play / pause"},
        {"F", "fit the image to the window (or double-click)"},
        {"1", "actual pixels (1:1)"},
        {"+ / −", "zoom in / out (or the mouse wheel); drag to pan"},
        {"M", "cell mask overlay on / off"},
        {"P", "patch boxes on / off"},
        {"Ctrl+Q", "quit"},
    };

    /** The shortcuts as a two-column grid: keys and descriptions line up whatever the font. */
    static javafx.scene.layout.GridPane shortcutGrid() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setId("shortcutGrid");
        grid.setHgap(18);
        grid.setVgap(6);
        for (int r = 0; r < SHORTCUTS.length; r++) {
            javafx.scene.control.Label key = new javafx.scene.control.Label(SHORTCUTS[r][0]);
            key.getStyleClass().add("shortcut-key");
            key.setStyle("-fx-font-weight: bold;");
            grid.addRow(r, key, new javafx.scene.control.Label(SHORTCUTS[r][1]));
        }
        return grid;
    }

    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().setContent(shortcutGrid());
        a.showAndWait();
    }
}
