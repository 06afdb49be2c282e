package org.clanet.workbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.prediction.PredictionViewModel.Scope;
import org.clanet.workbench.app.prediction.ResultCardViewModel;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.store.ModelRecord;

/**
 * Screenshots of the real workbench on a dataset that was embedded and trained with the CLI: a prediction with its
 * heatmap, the training dashboard with live curves, the evaluation. Run under Xvfb:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw -cp … org.clanet.workbench.app.WorkbenchShots
 * DATA OUTDIR WIDTH HEIGHT [SEQUENCE-NAME]}.
 */
public final class WorkbenchShots {

    private WorkbenchShots() {
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void await(int seconds, BooleanSupplier cond) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!fx(cond::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(200);
        }
    }

    private static void shot(Scene scene, Path file) throws Exception {
        var img = fx(() -> scene.snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int w = Integer.parseInt(args[2]);
        int h = Integer.parseInt(args[3]);
        String seqName = args.length > 4 ? args[4] : null;
        String suffix = args.length > 5 ? args[5] : "";
        Platform.startup(() -> { });
        Path prefs = Files.createTempDirectory("clanet-shots");
        WorkbenchViewModel vm = fx(() -> new WorkbenchViewModel(WorkbenchContext.production(
                new WorkbenchPreferences(prefs.resolve("preferences.json")))));
        WorkbenchWindow window = fx(() -> {
            WorkbenchWindow win = new WorkbenchWindow(new Stage(), vm, null);
            win.stage().setX(0);
            win.stage().setY(0);
            win.stage().setWidth(w);
            win.stage().setHeight(h);
            win.show();
            vm.probeEngine();
            vm.open(data);
            return win;
        });
        await(60, () -> vm.dataset().getDataset() != null && vm.navigator().getRoot() != null);
        IdentificationViewModel id = vm.identification();
        await(60, () -> id.prediction().modelProperty().get() != null);

        // predict the whole dataset (badges in the navigator), then show one sequence's result and heatmap
        fx(() -> {
            Sequence s = vm.dataset().getDataset().sequences()
                    .filter(x -> seqName == null || x.displayName().equals(seqName) || x.id().equals(seqName))
                    .findFirst().orElseThrow();
            vm.navigator().select(s);
            window.controller().identification.predict(Scope.DATASET);
            return null;
        });
        await(300, () -> id.prediction().taskProperty().get().isFinished());
        await(30, () -> id.prediction().card().getState() == ResultCardViewModel.State.RESULT
                && id.prediction().heatmapProperty().get() != null);
        fx(() -> {
            Sequence s = vm.navigator().getSelected();
            vm.timeline().indexProperty().set(Math.min(s.frames().size() - 1, s.frames().size() / 2));
            // the heatmap alone: no patch boxes or mask tint over it
            vm.selection().overlays().patchesVisibleProperty().set(false);
            vm.selection().overlays().maskVisibleProperty().set(false);
            vm.viewer().fit();
            return null;
        });
        Thread.sleep(3000);
        shot(window.stage().getScene(), out.resolve("prediction" + suffix + ".png"));

        ModelRecord m = fx(() -> id.prediction().modelProperty().get());

        // the training dashboard with a run's live curves
        ModelsWindow models = fx(() -> {
            ModelsWindow mw = window.controller().identification.models();
            mw.stage().setWidth(w);
            mw.stage().setHeight(h);
            mw.show(ModelsWindow.Page.TRAINING);
            id.training().epochsProperty().set(400);
            id.training().seedProperty().set(System.currentTimeMillis() % 100_000); // a new run, not a resumed one
            id.training().start();
            return mw;
        });
        await(600, () -> id.training().pointCount("loss") >= 250 || !id.training().runningProperty().get());
        Thread.sleep(1000);
        shot(models.stage().getScene(), out.resolve("training" + suffix + ".png"));
        fx(() -> {
            id.training().cancel();
            return null;
        });
        await(60, () -> !id.training().runningProperty().get());

        // the evaluation of the CLI's model (the one that predicted)
        fx(() -> {
            models.show(ModelsWindow.Page.EVALUATION);
            return id.evaluate(m);
        });
        await(120, () -> id.evaluationTaskProperty().get().isFinished() && id.evaluation().resultProperty().get()
                != null);
        fx(() -> {
            models.evaluationView().matrix().fit();
            return null;
        });
        Thread.sleep(1500);
        shot(models.stage().getScene(), out.resolve("evaluation" + suffix + ".png"));
        fx(() -> {
            models.stage().close();
            window.close();
            return null;
        });
        vm.close();
        Platform.exit();
        System.exit(0);
    }
}
