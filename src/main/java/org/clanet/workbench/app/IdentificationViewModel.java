package org.clanet.workbench.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.app.attention.HeatmapLayer;
import org.clanet.workbench.app.attention.HeatmapSettings;
import org.clanet.workbench.app.attention.TopAttentionViewModel;
import org.clanet.workbench.app.evaluation.EvaluationResults;
import org.clanet.workbench.app.evaluation.EvaluationViewModel;
import org.clanet.workbench.app.models.ModelCatalog;
import org.clanet.workbench.app.prediction.PredictionViewModel;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.training.TrainingDashboardViewModel;
import org.clanet.workbench.app.training.TrainingJobs;
import org.clanet.workbench.app.util.Executors2;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.imaging.ImageLoader;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.flow.Evaluation;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.workspace.Workspace;

/**
 * Identification in the workbench (issue 12): prediction with its card, heatmap layer, frame strip, gallery and
 * badges; the training dashboard; evaluation; the workspace's models. Composes the component view models and
 * connects them to the dataset, navigator, timeline and viewer of {@link WorkbenchViewModel}; every long job runs
 * the core flow ({@code pipeline.flow}) as a task. FX thread.
 */
public final class IdentificationViewModel implements AutoCloseable {

    private final TaskRunner tasks;
    private final Executor ui;
    private final Executor background;
    private final ExecutorService ownedPool;
    private final WorkbenchViewModel wb;
    private final PredictionViewModel prediction;
    private final HeatmapLayer heatmapLayer;
    private final TopAttentionViewModel topAttention;
    private final TrainingDashboardViewModel training;
    private final TrainingJobs trainingJobs;
    private final org.clanet.workbench.app.training.SnippetViewModel snippets =
            new org.clanet.workbench.app.training.SnippetViewModel();
    /** Counts snippet requests, so that a slow read for a sequence left behind does not overwrite a newer one. */
    private final java.util.concurrent.atomic.AtomicLong snippetRequest = new java.util.concurrent.atomic.AtomicLong();
    private final EvaluationViewModel evaluation = new EvaluationViewModel();
    private final ObservableList<ModelCatalog.Entry> catalog = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<JobTask<Evaluation.Result>> evaluationTask = new ReadOnlyObjectWrapper<>(
            this, "evaluationTask");
    private final ReadOnlyStringWrapper modelsMessage = new ReadOnlyStringWrapper(this, "modelsMessage", "");

    IdentificationViewModel(WorkbenchContext ctx, WorkbenchViewModel wb) {
        this.wb = wb;
        this.tasks = ctx.tasks();
        this.ui = ctx.ui();
        // reads of the workspace and heatmap rendering on a thread of their own (never behind a frame decode),
        // unless the context is synchronous (tests)
        ownedPool = ctx.frames() instanceof ExecutorService ? Executors2.fixed("clanet-attention", 1) : null;
        background = ownedPool != null ? ownedPool : ctx.frames();
        prediction = new PredictionViewModel(new PredictionViewModel.Services(ui, background, tasks, "auto",
                PredictionViewModel.Services.defaultThreads()));
        prediction.datasetProperty().bind(wb.dataset().datasetProperty());
        prediction.sequenceProperty().bind(wb.navigator().selectedProperty());
        wb.navigator().badgeProviders().add(prediction.badges());
        prediction.setOnBadgesChanged(wb.navigator()::refreshBadges);

        heatmapLayer = new HeatmapLayer(new HeatmapSettings(), background, ui);
        heatmapLayer.setRedraw(wb.viewer()::requestRedraw);
        heatmapLayer.sequenceProperty().bind(prediction.heatmapProperty());
        wb.viewer().layers().add(heatmapLayer);

        topAttention = new TopAttentionViewModel(f -> ImageLoader.loadProcessed(f.path(), Preset.AUTO),
                ctx.thumbnails(), ui);
        topAttention.sequenceProperty().bind(prediction.heatmapProperty());
        topAttention.setOnOpen(item -> showFrame(item.frame().frame()));
        // the strip's bars are the sequence's frames in timeline order: a click moves the timeline, and the
        // timeline's frame is the strip's selection
        prediction.strip().setOnSelect(i -> wb.timeline().indexProperty().set(i));
        wb.timeline().indexProperty().addListener((o, a, i) -> prediction.strip().selectedIndexProperty()
                .set(i.intValue()));
        prediction.strip().stripProperty().addListener((o, a, s) -> prediction.strip().selectedIndexProperty()
                .set(wb.timeline().getIndex()));

        training = new TrainingDashboardViewModel(ui);
        trainingJobs = new TrainingJobs(training, tasks, ui, () -> wb.dataset().getDataset(),
                PredictionViewModel.Services.defaultThreads());
        trainingJobs.setOnFinished(() -> {
            prediction.reload();
            reloadCatalog();
            refreshSnippets();
        });
        // the training window's snippet view follows the selected sequence, the prediction model and the seed
        wb.navigator().selectedProperty().addListener((o, a, s) -> refreshSnippets());
        prediction.modelProperty().addListener((o, a, m) -> refreshSnippets());
        training.seedProperty().addListener((o, a, v) -> refreshSnippets());
        wb.dataset().datasetProperty().addListener((o, a, d) -> reloadCatalog());
        wb.status().engineProperty().addListener((o, a, e) -> training.deviceLabelProperty().set(e));
        training.deviceLabelProperty().set(wb.status().engineProperty().get());
    }

    private void showFrame(org.clanet.workbench.dataset.Frame f) {
        int i = wb.timeline().frames().indexOf(f);
        if (i >= 0) {
            wb.timeline().indexProperty().set(i);
        }
    }

    // ---- models

    /** Re-reads the workspace's encoders and models for the Models tab. */
    /** The snippets of the selected sequence (the training window's snippet view). */
    public org.clanet.workbench.app.training.SnippetViewModel snippets() {
        return snippets;
    }

    /**
     * Draws the selected sequence's snippets again, off the FX thread: the prediction model's training seed and
     * sampling figures (the form's seed and the defaults without one), the attention of its stored prediction.
     */
    public void refreshSnippets() {
        org.clanet.workbench.dataset.Sequence s = wb.navigator().selectedProperty().get();
        Dataset d = wb.dataset().getDataset();
        ModelRecord m = prediction.modelProperty().get();
        long formSeed = training.seedProperty().get();
        long request = snippetRequest.incrementAndGet();
        if (s == null || d == null) {
            snippets.snippetsProperty().set(null);
            return;
        }
        background.execute(() -> {
            var fallback = org.clanet.workbench.app.training.SnippetPlans.Run.defaults(formSeed);
            var run = m == null ? fallback : org.clanet.workbench.app.training.SnippetPlans.Run.of(m.document(),
                    fallback);
            org.clanet.workbench.app.training.SnippetViewModel.Snippets out;
            try (Workspace ws = org.clanet.workbench.workspace.Workspace.worthOpening(d.root())
                    ? Workspace.open(d.root(), null) : null) {
                var stored = m == null || ws == null ? null
                        : org.clanet.workbench.pipeline.flow.Prediction.stored(ws, m.id(), s.id()).orElse(null);
                out = org.clanet.workbench.app.training.SnippetPlans.of(s, ws, run,
                        org.clanet.workbench.app.training.SnippetPlans.DEFAULT_EPOCHS, stored);
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(IdentificationViewModel.class).warn("snippets of {}: {}", s.id(),
                        e.toString());
                out = null;
            }
            var result = out;
            ui.execute(() -> {
                if (snippetRequest.get() == request) {
                    snippets.snippetsProperty().set(result);
                }
            });
        });
    }

    public void reloadCatalog() {
        Dataset d = wb.dataset().getDataset();
        Path root = d == null ? null : d.root();
        background.execute(() -> {
            List<ModelCatalog.Entry> rows;
            String msg;
            try {
                rows = ModelCatalog.list(root);
                msg = root == null ? "Open a dataset to see its workspace's models."
                        : rows.isEmpty() ? "No encoders or models in this dataset's workspace yet."
                        : rows.size() + " encoders and models in " + root;
            } catch (Exception e) {
                rows = List.of();
                msg = "Cannot read the workspace: " + e.getMessage();
            }
            List<ModelCatalog.Entry> r = rows;
            String m = msg;
            ui.execute(() -> {
                catalog.setAll(r);
                modelsMessage.set(m);
            });
        });
    }

    /** Imports a MIL model (.npz + class names) and refreshes prediction and the catalog. */
    public JobTask<ModelRecord> importModel(Path npz, Path classes) {
        JobTask<ModelRecord> t = prediction.importModel(npz, classes);
        afterwards(t, "Import model");
        return t;
    }

    /** Imports an encoder (.npz or TorchScript .pt). */
    public JobTask<?> importEncoder(Path file) {
        JobTask<?> t = prediction.importEncoder(file);
        afterwards(t, "Import encoder");
        return t;
    }

    /** Copies a model's best.npz and classes into a folder ({@link Models#exportModel}). */
    public JobTask<List<Path>> exportModel(ModelRecord m, Path dir) {
        JobTask<List<Path>> t = tasks.submit("Export model " + m.id(), (p, c) -> Models.exportModel(m, dir));
        afterwards(t, "Export model");
        return t;
    }

    /** Evaluates a model on its test split ({@link Evaluation#evaluate}, as {@code clanet evaluate}). */
    public JobTask<Evaluation.Result> evaluate(ModelRecord m) {
        Dataset d = wb.dataset().getDataset();
        if (d == null || m == null) {
            return null;
        }
        Path root = d.root();
        JobTask<Evaluation.Result> t = tasks.submit("Evaluate model " + m.id(), (p, c) -> {
            try (Workspace ws = Workspace.open(root, null)) {
                return Evaluation.evaluate(Pipeline.of(d, ws, 1), m);
            }
        });
        evaluationTask.set(t);
        Runnable done = () -> {
            if (t.getState() == javafx.concurrent.Worker.State.SUCCEEDED) {
                evaluation.resultProperty().set(EvaluationResults.of(t.getValue()));
                modelsMessage.set("Evaluated " + m.id() + ": " + t.getValue().testSequences() + " test sequences"
                        + (t.getValue().leftOut().isEmpty() ? "" : "; left out: " + t.getValue().leftOut()));
            } else if (t.getState() == javafx.concurrent.Worker.State.FAILED) {
                modelsMessage.set("Evaluation failed: " + t.getFailureReason());
            }
        };
        t.stateProperty().addListener((o, a, s) -> {
            if (t.isFinished()) {
                done.run();
            }
        });
        if (t.isFinished()) {
            done.run();
        }
        return t;
    }

    private void afterwards(JobTask<?> t, String what) {
        if (t == null) {
            modelsMessage.set(what + ": open a dataset first");
            return;
        }
        Runnable done = () -> {
            modelsMessage.set(switch (t.getState()) {
                case SUCCEEDED -> what + ": done" + (t.getValue() instanceof List<?> l ? " " + l : "");
                case FAILED -> what + " failed: " + t.getFailureReason();
                default -> what + ": " + t.getState().name().toLowerCase(java.util.Locale.ROOT);
            });
            reloadCatalog();
        };
        t.stateProperty().addListener((o, a, s) -> {
            if (t.isFinished()) {
                done.run();
            }
        });
        if (t.isFinished()) {
            done.run();
        }
    }

    // ---- parts

    public PredictionViewModel prediction() {
        return prediction;
    }

    public HeatmapLayer heatmapLayer() {
        return heatmapLayer;
    }

    public TopAttentionViewModel topAttention() {
        return topAttention;
    }

    public TrainingDashboardViewModel training() {
        return training;
    }

    public TrainingJobs trainingJobs() {
        return trainingJobs;
    }

    public EvaluationViewModel evaluation() {
        return evaluation;
    }

    public ObservableList<ModelCatalog.Entry> catalog() {
        return catalog;
    }

    public ReadOnlyObjectProperty<JobTask<Evaluation.Result>> evaluationTaskProperty() {
        return evaluationTask.getReadOnlyProperty();
    }

    /** What the last model action did, in words. */
    public ReadOnlyStringProperty modelsMessageProperty() {
        return modelsMessage.getReadOnlyProperty();
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.shutdownNow();
        }
    }
}
