package org.clanet.workbench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import org.clanet.workbench.app.dataset.DatasetViewModel;
import org.clanet.workbench.app.inspector.InspectorViewModel;
import org.clanet.workbench.app.navigator.NavigatorViewModel;
import org.clanet.workbench.app.selection.SelectionService;
import org.clanet.workbench.app.selection.SelectionViewModel;
import org.clanet.workbench.app.status.StatusViewModel;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.timeline.ThumbnailCache;
import org.clanet.workbench.app.timeline.TimelineViewModel;
import org.clanet.workbench.app.viewer.FrameLoader;
import org.clanet.workbench.app.viewer.PixelGridLayer;
import org.clanet.workbench.app.viewer.ScaleBarLayer;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.dataset.Dataset;

/**
 * The workbench's root view model: composes the dataset, navigator, timeline, viewer, inspector, task and
 * status view models and wires them (dataset → navigator → timeline → viewer + inspector). Later stages reach
 * their extension points from here: {@code viewer().layers()}, {@code navigator().badgeProviders()},
 * {@code tasks().submit(...)}.
 */
public final class WorkbenchViewModel implements AutoCloseable {

    /** Longest side of a timeline thumbnail, in pixels. */
    public static final int THUMB_SIZE = 96;

    private final WorkbenchContext ctx;
    private final DatasetViewModel dataset;
    private final NavigatorViewModel navigator = new NavigatorViewModel();
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final ViewerViewModel viewer;
    private final InspectorViewModel inspector = new InspectorViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final ThumbnailCache thumbnails;
    private final SelectionViewModel selection;
    private final java.util.concurrent.ExecutorService selectionPool;
    private final StringBinding currentTaskText;
    private final DoubleBinding currentTaskProgress;
    private final IdentificationViewModel identification;

    private static final String PIXEL_SIZES = "pixelSizes";
    private final ScaleBarLayer scaleBar = new ScaleBarLayer();

    public WorkbenchViewModel(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.dataset = new DatasetViewModel(ctx.tasks(), ctx.prefs());
        this.viewer = new ViewerViewModel(new FrameLoader(ctx.frames(), ctx.ui(), 24_000_000L));
        this.thumbnails = new ThumbnailCache(ctx.thumbnails(), ctx.ui(), THUMB_SIZE, 48L << 20);
        viewer.layers().add(new PixelGridLayer());

        dataset.datasetProperty().addListener((o, a, d) -> {
            thumbnails.clear();
            navigator.setDataset(d);
        });
        timeline.sequenceProperty().bind(navigator.selectedProperty());
        inspector.sequenceProperty().bind(navigator.selectedProperty());
        viewer.frameProperty().bind(timeline.currentProperty());
        inspector.frameProperty().bind(timeline.currentProperty());
        // patch selection: live overlays on a thread of their own (so frame decoding never waits behind a
        // selection) unless the context is synchronous (tests); gallery work on the thumbnail threads
        selectionPool = ctx.frames() instanceof java.util.concurrent.ExecutorService
                ? org.clanet.workbench.app.util.Executors2.fixed("clanet-select", 1) : null;
        selection = new SelectionViewModel(new SelectionViewModel.Services(ctx.ui(),
                selectionPool != null ? selectionPool : ctx.frames(), ctx.thumbnails(),
                ctx.tasks(), new SelectionService(96L << 20), 200, SelectionViewModel.Services.defaultStageThreads()),
                viewer, navigator, timeline);
        selection.datasetProperty().bind(dataset.datasetProperty());
        // the scale bar on top of the selection's overlays; its pixel size is remembered per dataset
        viewer.layers().add(scaleBar);
        dataset.datasetProperty().addListener((o, a, d) -> scaleBar.micronsPerPixelProperty().set(
                d == null ? 0 : parsePixelSize(ctx.prefs().section(PIXEL_SIZES).get(d.root().toString()))));

        identification = new IdentificationViewModel(ctx, this);

        TaskRunner tasks = ctx.tasks();
        currentTaskText = Bindings.createStringBinding(() -> {
            JobTask<?> t = tasks.currentProperty().get();
            if (t == null) {
                return "Ready";
            }
            return switch (t.getState()) {
                case READY, SCHEDULED, RUNNING -> t.getTitle() + ": " + t.getMessage();
                case SUCCEEDED -> t.getTitle() + ": " + t.getMessage();
                case FAILED -> t.getTitle() + " failed: " + t.getFailureReason();
                case CANCELLED -> t.getTitle() + ": cancelled";
            };
        }, tasks.currentProperty(), tasks.tasks());
        currentTaskProgress = Bindings.createDoubleBinding(() -> {
            JobTask<?> t = tasks.currentProperty().get();
            return t == null || t.isFinished() ? 0.0 : t.getProgress();
        }, tasks.currentProperty(), tasks.tasks());
    }

    /** Probes the deep-learning engine in the background (slow the first time). */
    public void probeEngine() {
        status.probeEngine(r -> {
            Thread t = new Thread(r, "clanet-engine-probe");
            t.setDaemon(true);
            t.start();
        }, ctx.ui(), ctx.engineProbe());
    }

    /** Opens a dataset folder (scans in the background). */
    public JobTask<Dataset> open(Path dir) {
        return dataset.open(dir);
    }

    /**
     * What to open at start: the explicit dataset, else the last one if it still exists, else the bundled
     * sample data ({@code sample-data/} in the working folder or beside the jar).
     */
    public static Optional<Path> initialDataset(Optional<Path> explicit, Optional<Path> last, List<Path> sampleDirs) {
        if (explicit.isPresent()) {
            return explicit;
        }
        if (last.isPresent() && Files.isDirectory(last.get())) {
            return last;
        }
        return sampleDirs.stream().filter(Files::isDirectory).findFirst();
    }

    /** Where bundled sample data may be: the working folder, the jar's folder and its parent. */
    public static List<Path> sampleDataCandidates() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("sample-data").toAbsolutePath().normalize());
        try {
            Path jar = Path.of(WorkbenchViewModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(jar) ? jar : jar.getParent();
            if (dir != null) {
                out.add(dir.resolve("sample-data").normalize());
                if (dir.getParent() != null) {
                    out.add(dir.getParent().resolve("sample-data").normalize());
                }
            }
        } catch (Exception | Error e) {
            // no code source (unusual class loader): the working folder is enough
        }
        return out;
    }

    public WorkbenchContext context() {
        return ctx;
    }

    public DatasetViewModel dataset() {
        return dataset;
    }

    public NavigatorViewModel navigator() {
        return navigator;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    public ViewerViewModel viewer() {
        return viewer;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public StatusViewModel status() {
        return status;
    }

    public TaskRunner tasks() {
        return ctx.tasks();
    }

    public ThumbnailCache thumbnails() {
        return thumbnails;
    }

    /** Patch selection: overlays, parameters, gallery, apply to dataset, badges. */
    public ScaleBarLayer scaleBar() {
        return scaleBar;
    }

    /** The current dataset's pixel size in µm (0: from each file, or a bar in pixels); remembered per dataset. */
    public void setDatasetPixelSize(double micronsPerPixel) {
        scaleBar.micronsPerPixelProperty().set(Math.max(0, micronsPerPixel));
        org.clanet.workbench.dataset.Dataset d = dataset.getDataset();
        if (d != null) {
            java.util.Map<String, String> sizes = new java.util.HashMap<>(ctx.prefs().section(PIXEL_SIZES));
            if (micronsPerPixel > 0) {
                sizes.put(d.root().toString(), Double.toString(micronsPerPixel));
            } else {
                sizes.remove(d.root().toString());
            }
            ctx.prefs().setSection(PIXEL_SIZES, sizes); // written with the rest when the window closes
        }
    }

    private static double parsePixelSize(String s) {
        try {
            return s == null ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public SelectionViewModel selection() {
        return selection;
    }

    /** Prediction, attention, training, evaluation and models (issue 12). */
    public IdentificationViewModel identification() {
        return identification;
    }

    /** "Scan MCF7: Reading headers · 512 / 2,000 · 3s left", "Ready". */
    public StringBinding currentTaskText() {
        return currentTaskText;
    }

    /** The current task's progress for the status bar: 0 when none runs, -1 while indeterminate. */
    public DoubleBinding currentTaskProgress() {
        return currentTaskProgress;
    }

    @Override
    public void close() {
        identification.close();
        selection.close();
        if (selectionPool != null) {
            selectionPool.shutdownNow();
        }
        ctx.close();
    }
}
