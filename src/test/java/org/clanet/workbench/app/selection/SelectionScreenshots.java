package org.clanet.workbench.app.selection;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.WorkbenchContext;
import org.clanet.workbench.app.WorkbenchViewModel;
import org.clanet.workbench.app.WorkbenchWindow;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;

/**
 * Takes docs/screenshots/selection-overlay.png and patch-gallery.png (development tool, not a test): opens a dataset
 * in the real window, selects a sequence and frame, shows the Selection tab (live result), applies the selection to
 * the dataset, then shows the Patches tab with a patch opened. Run under Xvfb:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp target/classes:target/test-classes:DEPS
 * org.clanet.workbench.app.selection.SelectionScreenshots DATASET SEQUENCE FRAME OUTDIR}. Do not point it at a
 * dataset you cannot write to: Apply creates {@code DATASET/.clanet}.
 */
public final class SelectionScreenshots {

    private SelectionScreenshots() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            var args = getParameters().getRaw();
            Path dataset = Path.of(args.get(0));
            String sequence = args.get(1);
            int frame = Integer.parseInt(args.get(2));
            Path out = Path.of(args.get(3));
            Path prefs = Path.of(System.getProperty("java.io.tmpdir"), "clanet-shots-prefs.json");
            WorkbenchPreferences p = new WorkbenchPreferences(prefs);
            p.setTheme(Boolean.getBoolean("shots.dark") ? WorkbenchPreferences.Theme.DARK
                    : WorkbenchPreferences.Theme.LIGHT); // -Dshots.dark=true for the dark theme
            WorkbenchViewModel vm = new WorkbenchViewModel(WorkbenchContext.production(p));
            WorkbenchWindow window = new WorkbenchWindow(stage, vm, null);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1560);
            stage.setHeight(960);
            window.show();
            Thread t = new Thread(() -> {
                try {
                    drive(vm, window, dataset, sequence, frame, out);
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
                      Path out) throws Exception {
        SelectionViewModel sel = vm.selection();
        fx(() -> vm.open(dataset));
        waitFor(60, () -> vm.navigator().getRoot() != null);
        fx(() -> vm.navigator().selectByName(sequence));
        fx(() -> vm.timeline().indexProperty().set(frame));
        TabPane tabs = (TabPane) window.stage().getScene().lookup("#sideTabs");
        SplitPane main = (SplitPane) window.stage().getScene().lookup("#mainSplit");
        fx(() -> {
            main.setDividerPositions(0.2, 0.72);
            tabs.getSelectionModel().select(tab(tabs, "Selection"));
        });
        waitFor(60, () -> sel.getResult() != null && sel.getResult().frame() == vm.timeline().getCurrent()
                && !sel.busyProperty().get());
        Thread.sleep(1500);
        snapshot(window, out.resolve("selection-overlay.png"));

        // apply to the dataset (badges), then the gallery with a patch opened
        fx(sel::applyToDataset);
        waitFor(600, () -> sel.applyTaskProperty().get() != null && sel.applyTaskProperty().get().isFinished());
        fx(() -> {
            main.setDividerPositions(0.2, 0.58);
            tabs.getSelectionModel().select(tab(tabs, "Patches"));
        });
        waitFor(120, () -> !sel.gallery().items().isEmpty() && !sel.gallery().loadingProperty().get());
        Thread.sleep(4000); // crops decode in the background
        fx(() -> {
            GalleryViewModel.Item item = sel.gallery().items().get(2);
            sel.gallery().open(item);
        });
        waitFor(60, () -> sel.getResult() != null && sel.getResult().frame() == vm.timeline().getCurrent()
                && !sel.busyProperty().get());
        Thread.sleep(2500);
        snapshot(window, out.resolve("patch-gallery.png"));
    }

    static Tab tab(TabPane tabs, String text) {
        return tabs.getTabs().stream().filter(t -> text.equals(t.getText())).findFirst().orElseThrow();
    }

    static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        f.get(30, TimeUnit.SECONDS);
    }

    static void waitFor(int seconds, BooleanSupplier c) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(c.getAsBoolean()));
            if (f.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out");
    }

    static void snapshot(WorkbenchWindow window, Path file) throws Exception {
        CompletableFuture<BufferedImage> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            WritableImage img = window.stage().getScene().snapshot(null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            PixelReader pr = img.getPixelReader();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    bi.setRGB(x, y, pr.getArgb(x, y));
                }
            }
            f.complete(bi);
        });
        Files.createDirectories(file.getParent());
        ImageIO.write(f.get(30, TimeUnit.SECONDS), "png", file.toFile());
        System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KB)");
    }
}
