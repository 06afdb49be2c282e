package org.clanet.workbench.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.attention.FrameHeatmap;
import org.clanet.workbench.app.attention.FrameStripView;
import org.clanet.workbench.app.attention.FrameStripViewModel;
import org.clanet.workbench.app.attention.HeatmapLayer;
import org.clanet.workbench.app.attention.HeatmapLegend;
import org.clanet.workbench.app.attention.HeatmapSettings;
import org.clanet.workbench.app.evaluation.EvaluationView;
import org.clanet.workbench.app.evaluation.EvaluationViewModel;
import org.clanet.workbench.app.prediction.LineProbability;
import org.clanet.workbench.app.prediction.PredictionCard;
import org.clanet.workbench.app.prediction.ResultCardView;
import org.clanet.workbench.app.prediction.ResultCardViewModel;
import org.clanet.workbench.app.training.SnippetView;
import org.clanet.workbench.app.training.SnippetViewModel;
import org.clanet.workbench.app.training.TrainingDashboardView;
import org.clanet.workbench.app.training.TrainingDashboardViewModel;
import org.clanet.workbench.app.viewer.FrameLoader;
import org.clanet.workbench.app.viewer.ImageViewer;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Timepoint;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.ImageFormat;
import org.clanet.workbench.imaging.ImageHeader;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.mil.heatmap.FrameAttention;
import org.clanet.workbench.mil.heatmap.HeatmapExport;
import org.clanet.workbench.mil.heatmap.HeatmapStyle;
import org.clanet.workbench.mil.heatmap.PatchAttention;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.PatchSelector;
import org.clanet.workbench.selection.SelectionParameters;

/**
 * Demo of the issue-12 views with made-up predictions and attention (development tool, not a test; there is no
 * model yet): a real LIVECell SH-SY5Y sequence with its real patch selection, fake attention on those patches, the
 * result card, the frame strip, the dashboard with simulated live curves, a 32-class evaluation and the snippets.
 * Writes docs/screenshots/result-card.png, dashboard.png, confusion-matrix.png, snippets.png and a core heatmap
 * export. Run under Xvfb: {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp
 * target/classes:target/test-classes:DEPS org.clanet.workbench.app.ViewsDemo OUTDIR REAL_IMAGES_DIR}.
 */
public final class ViewsDemo {

    private ViewsDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            var args = getParameters().getRaw();
            Path out = Path.of(args.get(0));
            Path real = Path.of(args.get(1));
            Thread t = new Thread(() -> {
                try {
                    drive(stage, out, real);
                } catch (Throwable e) {
                    e.printStackTrace();
                }
                Platform.runLater(Platform::exit);
            }, "demo");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The 22 frames of one SH-SY5Y flask position, in time order. */
    static List<Path> sequence(Path real) throws Exception {
        try (Stream<Path> s = Files.list(real.resolve("SHSY5Y/batch_1"))) {
            return s.filter(p -> p.getFileName().toString().matches("SHSY5Y_Phase_C10_2_\\d\\dd\\d\\dh\\d\\dm_3\\.tif"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    static Timepoint time(Path p) {
        var m = java.util.regex.Pattern.compile("(\\d\\d)d(\\d\\d)h(\\d\\d)m").matcher(p.getFileName().toString());
        if (!m.find()) {
            throw new IllegalArgumentException(p.toString());
        }
        return Timepoint.ofMinutes(Integer.parseInt(m.group(1)) * 1440L + Integer.parseInt(m.group(2)) * 60L
                + Integer.parseInt(m.group(3)));
    }

    /** Real patches of every frame, made-up attention on them (a bump drifting over the field, peaking mid-run). */
    static FrameHeatmap.Sequence fakeAttention(List<Path> files) throws Exception {
        Random rnd = new Random(12);
        List<Frame> frames = new ArrayList<>();
        List<List<Patch>> patches = new ArrayList<>();
        int w = 0;
        int h = 0;
        try (PatchSelector sel = new PatchSelector()) {
            for (Path f : files) {
                GrayImage img = ImageLoader.loadGray(f);
                w = img.width();
                h = img.height();
                frames.add(new Frame(f, f.getFileName().toString(), time(f), new ImageHeader(ImageFormat.TIFF, w, h,
                        8, 1)));
                patches.add(sel.process(img, SelectionParameters.defaults()).patches());
            }
        }
        List<double[]> raw = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < frames.size(); i++) {
            double cx = w * (0.25 + 0.5 * i / (frames.size() - 1.0));
            double cy = h * 0.5;
            double fw = 0.3 + Math.exp(-Math.pow((i - 14) / 5.0, 2));
            double[] a = new double[patches.get(i).size()];
            for (int k = 0; k < a.length; k++) {
                Patch p = patches.get(i).get(k);
                double d2 = Math.pow(p.x() + p.w() / 2.0 - cx, 2) + Math.pow(p.y() + p.h() / 2.0 - cy, 2);
                a[k] = fw * p.confluency() * (Math.exp(-d2 / (2 * 150.0 * 150.0)) + 0.15 * rnd.nextDouble());
                total += a[k];
            }
            raw.add(a);
        }
        List<FrameHeatmap> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            List<PatchAttention> pa = new ArrayList<>();
            for (int k = 0; k < raw.get(i).length; k++) {
                Patch p = patches.get(i).get(k);
                pa.add(new PatchAttention(p.rank(), p.x(), p.y(), p.w(), p.h(), p.confluency(), raw.get(i)[k] / total));
            }
            out.add(new FrameHeatmap(frames.get(i), new FrameAttention(i, frames.get(i).fileName(), w, h, pa)));
        }
        return new FrameHeatmap.Sequence("SHSY5Y_Phase_C10_2_3", "SH-SY5Y", out);
    }

    static void drive(Stage stage, Path out, Path real) throws Exception {
        Files.createDirectories(out);
        List<Path> files = sequence(real);
        FrameHeatmap.Sequence seq = fakeAttention(files);
        int shownIndex = 14;

        // core export: what `clanet predict --heatmaps OUT` writes
        Path export = out.resolve("heatmap-export");
        List<Path> written = HeatmapExport.write(export, seq.name(), seq.attention(),
                f -> ImageLoader.loadGray(files.get(f.index())), HeatmapStyle.DEFAULT, seq.className(),
                Cancellation.none());
        System.out.println("core export: " + written);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        // 1. prediction: viewer + heatmap + legend, frame strip, result card
        CompletableFuture<ViewerViewModel> viewerRef = new CompletableFuture<>();
        fx(() -> {
            ViewerViewModel viewer = new ViewerViewModel(new FrameLoader(pool, Platform::runLater, 50_000_000,
                    ImageLoader::loadGray));
            ImageViewer view = new ImageViewer();
            view.bind(viewer);
            HeatmapLayer layer = new HeatmapLayer(new HeatmapSettings(), pool, Platform::runLater);
            layer.setRedraw(viewer::requestRedraw);
            viewer.layers().add(layer);
            layer.sequenceProperty().set(seq);
            HeatmapLegend legend = new HeatmapLegend(layer);
            StackPane.setAlignment(legend, Pos.TOP_RIGHT);
            StackPane.setMargin(legend, new Insets(10));
            Label hover = new Label();
            hover.textProperty().bind(layer.hoverTextProperty());
            hover.setStyle("-fx-background-color: rgba(0,0,0,0.7); -fx-text-fill: white; -fx-padding: 3 6;");
            StackPane.setAlignment(hover, Pos.BOTTOM_LEFT);
            StackPane viewerPane = new StackPane(view, legend, hover);
            FrameStripViewModel strip = new FrameStripViewModel();
            strip.stripProperty().set(FrameStripViewModel.Strip.of(seq));
            strip.selectedIndexProperty().set(shownIndex);
            strip.setOnSelect(i -> viewer.frameProperty().set(seq.frames().get(i).frame()));
            FrameStripView stripView = new FrameStripView(strip);
            Label stripTitle = new Label("Summed attention per frame (click to jump)");
            stripTitle.setStyle("-fx-font-size: 11px; -fx-text-fill: #5f6368;");
            VBox left = new VBox(4, viewerPane, stripTitle, stripView);
            VBox.setVgrow(viewerPane, javafx.scene.layout.Priority.ALWAYS);
            left.setPadding(new Insets(8));
            ResultCardViewModel card = new ResultCardViewModel();
            card.modelAvailableProperty().set(true);
            var prov = new java.util.LinkedHashMap<String, String>();
            prov.put("Model", "none: demo data");
            prov.put("Encoder", "none: demo data");
            prov.put("Split", "—");
            prov.put("Date", "2026-11-30");
            card.cardProperty().set(new PredictionCard(seq.name() + " · 22 frames, 0d 0h – 3d 12h",
                    List.of(new LineProbability("SH-SY5Y", 0.86), new LineProbability("BV2", 0.06),
                            new LineProbability("A172", 0.04), new LineProbability("Huh7", 0.02),
                            new LineProbability("MCF7", 0.01)), false,
                    List.of("Demo: probabilities and attention are made up (no model yet); patches are the real "
                            + "selection of these frames"), prov));
            card.provenanceExpandedProperty().set(true);
            ResultCardView cardView = new ResultCardView(card);
            cardView.setPrefWidth(380);
            BorderPane root = new BorderPane(left);
            VBox right = new VBox(cardView);
            right.setPadding(new Insets(8));
            root.setRight(right);
            stage.setScene(new Scene(root, 1500, 900));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            viewer.frameProperty().set(seq.frames().get(shownIndex).frame());
            viewerRef.complete(viewer);
        });
        ViewerViewModel viewer = viewerRef.get();
        waitFor(30, () -> viewer.getImage() != null);
        Thread.sleep(1500);
        fx(() -> {
            // hover a top patch so the tooltip line shows
            var fh = seq.frames().get(shownIndex).attention();
            PatchAttention top = fh.patches().stream().max(Comparator.comparingDouble(PatchAttention::attention))
                    .orElseThrow();
            var t = viewer.getTransform();
            HeatmapLayer layer = (HeatmapLayer) viewer.layers().get(0);
            layer.pointerAt(seq.frames().get(shownIndex).frame(), top.x() + top.w() / 2.0, top.y() + top.h() / 2.0);
            viewer.requestRedraw();
        });
        Thread.sleep(800);
        snapshot(stage, out.resolve("result-card.png"));

        // 2. dashboard with live curves
        CompletableFuture<TrainingDashboardViewModel> dashRef = new CompletableFuture<>();
        CompletableFuture<TrainingDashboardView> dashView = new CompletableFuture<>();
        fx(() -> {
            TrainingDashboardViewModel vm = new TrainingDashboardViewModel(Platform::runLater);
            vm.presets().setAll("LIVECell 704×520", "Incucyte 1408×1040");
            vm.presetProperty().set("LIVECell 704×520");
            vm.splits().setAll("batch-separated · split 1", "batch-separated · split 2", "batch-stratified");
            vm.splitProperty().set("batch-separated · split 1");
            vm.devices().setAll("CPU", "GPU 0 (H200)");
            vm.deviceLabelProperty().set("PyTorch 2.7.1 · CPU (demo)");
            vm.estimatorProperty().set(p -> java.time.Duration.ofMillis(1900L * p.epochs()));
            TrainingDashboardView v = new TrainingDashboardView(vm);
            stage.setScene(new Scene(v, 1400, 900));
            dashRef.complete(vm);
            dashView.complete(v);
            vm.start();
            vm.statusProperty().set("Demo curves: epoch 1240 of 2000 (simulated)");
        });
        TrainingDashboardViewModel dash = dashRef.get();
        Random rnd = new Random(3);
        int epochs = 1240;
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < 50; s++) {
                double x = e + s / 50.0;
                double noise = 0.08 * rnd.nextGaussian() * Math.exp(-x / 900);
                dash.addPoint("train loss", x, 2.1 * Math.exp(-x / 220) + 0.12 + noise);
            }
            dash.addPoint("lr", e, 5e-4 * 0.5 * (1 + Math.cos(Math.PI * e / 2000)));
            if (e % 5 == 0) {
                dash.addPoint("test loss", e, 2.0 * Math.exp(-e / 260.0) + 0.35 + 0.05 * rnd.nextGaussian());
                dash.addPoint("test accuracy", e,
                        Math.min(1, 0.78 * (1 - Math.exp(-e / 180.0)) + 0.03 * rnd.nextGaussian()));
                dash.addPoint("train accuracy", e,
                        Math.min(1, 0.97 * (1 - Math.exp(-e / 150.0)) + 0.01 * rnd.nextGaussian()));
            }
        }
        waitFor(30, () -> dash.pointCount("train loss") == epochs * 50);
        fx(() -> dashView.join().refreshCharts());
        Thread.sleep(1200);
        snapshot(stage, out.resolve("dashboard.png"));
        System.out.println("dashboard points kept " + dash.pointCount("train loss") + ", drawn "
                + dashView.get().chartPoints());

        // 3. evaluation, 32 classes
        fx(() -> {
            EvaluationViewModel vm = new EvaluationViewModel();
            EvaluationView v = new EvaluationView(vm);
            vm.resultProperty().set(ViewsFixtures.evaluation(32, 7));
            stage.setScene(new Scene(v, 1400, 960));
        });
        Thread.sleep(800);
        fx(() -> ((EvaluationView) stage.getScene().getRoot()).matrix().fit());
        Thread.sleep(800);
        snapshot(stage, out.resolve("confusion-matrix.png"));

        // 4. snippets
        fx(() -> {
            SnippetViewModel vm = new SnippetViewModel();
            SnippetView v = new SnippetView(vm);
            vm.snippetsProperty().set(ViewsFixtures.snippets(14, 5));
            vm.select(4);
            stage.setScene(new Scene(v, 1100, 380));
        });
        Thread.sleep(1000);
        snapshot(stage, out.resolve("snippets.png"));
        pool.shutdownNow();
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, BooleanSupplier c) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(c.getAsBoolean()));
            if (f.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out");
    }

    private static void snapshot(Stage stage, Path file) throws Exception {
        CompletableFuture<BufferedImage> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            WritableImage img = stage.getScene().snapshot(null);
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
        ImageIO.write(f.get(30, TimeUnit.SECONDS), "png", file.toFile());
        System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KB)");
    }
}
