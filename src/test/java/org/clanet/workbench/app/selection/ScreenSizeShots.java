package org.clanet.workbench.app.selection;

import static org.clanet.workbench.app.selection.SelectionScreenshots.fx;
import static org.clanet.workbench.app.selection.SelectionScreenshots.snapshot;
import static org.clanet.workbench.app.selection.SelectionScreenshots.tab;
import static org.clanet.workbench.app.selection.SelectionScreenshots.waitFor;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.clanet.workbench.app.WorkbenchContext;
import org.clanet.workbench.app.WorkbenchViewModel;
import org.clanet.workbench.app.WorkbenchWindow;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;

/**
 * docs/screenshots/screen-WxH-*.png (development tool, not a test): the window filling the whole screen, with its
 * default layout, on each side tab. Run under Xvfb at the size wanted (tools/robust/screen-shots.sh):
 * {@code xvfb-run -a -s "-screen 0 1280x720x24" java -cp … org.clanet.workbench.app.selection.ScreenSizeShots
 * DATASET SEQUENCE FRAME OUTDIR}. Apply writes DATASET/.clanet: give it a copy.
 */
public final class ScreenSizeShots {

    private ScreenSizeShots() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            var args = getParameters().getRaw();
            Path prefs = Path.of(System.getProperty("java.io.tmpdir"), "clanet-screen-shots-prefs.json");
            prefs.toFile().delete(); // the default layout, not the last session's
            WorkbenchViewModel vm = new WorkbenchViewModel(WorkbenchContext.production(new WorkbenchPreferences(prefs)));
            WorkbenchWindow window = new WorkbenchWindow(stage, vm, null);
            Rectangle2D screen = Screen.getPrimary().getBounds();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
            window.show();
            Thread t = new Thread(() -> {
                try {
                    drive(vm, window, Path.of(args.get(0)), args.get(1), Integer.parseInt(args.get(2)),
                            Path.of(args.get(3)), (int) screen.getWidth() + "x" + (int) screen.getHeight());
                } catch (Throwable e) {
                    e.printStackTrace();
                }
                Platform.runLater(() -> {
                    window.close();
                    vm.close();
                    Platform.exit();
                });
            }, "shots");
            t.setDaemon(true);
            t.start();
        }
    }

    static void drive(WorkbenchViewModel vm, WorkbenchWindow window, Path dataset, String sequence, int frame,
                      Path out, String size) throws Exception {
        SelectionViewModel sel = vm.selection();
        fx(() -> vm.open(dataset));
        waitFor(60, () -> vm.navigator().getRoot() != null);
        fx(sel::applyToDataset); // badges in the navigator, a gallery
        waitFor(600, () -> sel.applyTaskProperty().get() != null && sel.applyTaskProperty().get().isFinished());
        fx(() -> vm.navigator().selectByName(sequence));
        fx(() -> vm.timeline().indexProperty().set(frame));
        waitFor(60, () -> sel.getResult() != null && sel.getResult().frame() == vm.timeline().getCurrent()
                && !sel.busyProperty().get());
        TabPane tabs = (TabPane) window.stage().getScene().lookup("#sideTabs");
        Thread.sleep(2500);
        snapshot(window, out.resolve("screen-" + size + "-inspector.png"));
        fx(() -> tabs.getSelectionModel().select(tab(tabs, "Selection")));
        Thread.sleep(1500);
        snapshot(window, out.resolve("screen-" + size + "-selection.png"));
        fx(() -> tabs.getSelectionModel().select(tab(tabs, "Patches")));
        waitFor(120, () -> !sel.gallery().items().isEmpty() && !sel.gallery().loadingProperty().get());
        Thread.sleep(3000);
        fx(() -> sel.gallery().open(sel.gallery().items().get(5)));
        Thread.sleep(2500);
        snapshot(window, out.resolve("screen-" + size + "-patches.png"));
    }
}
