package org.clanet.workbench.app.selection;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.clanet.workbench.app.navigator.NavigatorViewModel;
import org.clanet.workbench.app.tasks.JobTask;
import org.clanet.workbench.app.tasks.TaskRunner;
import org.clanet.workbench.app.timeline.TimelineViewModel;
import org.clanet.workbench.app.viewer.ViewerViewModel;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patch selection in the workbench (METHOD §1–2): the mask and patch overlays of the frame on screen, the
 * selection parameters being tuned, the per-frame result summary, "Apply to dataset" as a background task, the
 * navigator badges and the patch gallery.
 *
 * <p>The current frame's overlay comes from the dataset's workspace when it holds a result that is fresh for the
 * current parameters (same cache key as {@link SelectionStage}), else it is computed live off the FX thread with the
 * latest request winning and results cached per frame + parameters. Parameter edits are debounced. The workspace
 * is opened (read side) when the dataset already has one ({@code <dataset>/.clanet}); "Apply to dataset" creates it.
 * FX-thread only; the background work runs on the given executors (direct executors in tests).
 */
public final class SelectionViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelectionViewModel.class);

    /** The gallery's chosen patch: drawn highlighted on its frame. */
    public record Highlight(Frame frame, int rank) {
    }

    /** The executors and services the view model runs on. */
    public record Services(Executor ui, Executor live, Executor gallery, TaskRunner tasks, SelectionService service,
                           long debounceMillis, int stageThreads) {
        public Services {
            Objects.requireNonNull(ui, "ui");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(gallery, "gallery");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(service, "service");
        }

        /** Threads for "Apply to dataset": leave a core to the UI. */
        public static int defaultStageThreads() {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        }
    }

    private final Services services;
    private final ViewerViewModel viewer;
    private final NavigatorViewModel navigator;
    private final OverlaySettings overlays = new OverlaySettings();
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(this, "frame");
    private final ObjectProperty<SelectionParameters> parameters =
            new SimpleObjectProperty<>(this, "parameters", SelectionParameters.defaults());
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyObjectWrapper<FrameSelection> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObjectProperty<Highlight> highlight = new SimpleObjectProperty<>(this, "highlight");
    private final BooleanProperty panelActive = new SimpleBooleanProperty(this, "panelActive");
    private final ReadOnlyObjectWrapper<JobTask<SelectionStage.Summary>> applyTask =
            new ReadOnlyObjectWrapper<>(this, "applyTask");
    private final ReadOnlyStringWrapper applyMessage = new ReadOnlyStringWrapper(this, "applyMessage", "");
    private final ReadOnlyStringWrapper workspaceText = new ReadOnlyStringWrapper(this, "workspaceText", "");
    private final StringBinding summary;
    private final StringBinding note;
    private final PatchBadges badges = new PatchBadges();
    private final GalleryViewModel gallery;
    private final MaskLayer maskLayer;
    private final Debouncer debouncer;
    private final AtomicLong generation = new AtomicLong();
    private long workspaceGeneration;

    /**
     * @param viewer    gets the mask and patch layers; its shown frame (the image on screen) is the frame followed
     * @param navigator gets the patch badges
     * @param timeline  the gallery follows its sequence and jumps to a patch's frame
     */
    public SelectionViewModel(Services services, ViewerViewModel viewer, NavigatorViewModel navigator,
                              TimelineViewModel timeline) {
        this.services = services;
        this.viewer = viewer;
        this.navigator = navigator;
        this.debouncer = new Debouncer(services.debounceMillis(), services.ui());
        this.gallery = new GalleryViewModel(this, timeline, services.gallery(), services.ui(), services.service());

        maskLayer = new MaskLayer(overlays, result::get, services.live(), services.ui(), viewer::requestRedraw);
        viewer.layers().add(maskLayer);
        viewer.layers().add(new PatchLayer(overlays, result::get, highlight::get));
        navigator.badgeProviders().add(badges);
        // change listeners (not invalidation ones): they fire on every change even if nobody read the value
        for (javafx.beans.value.ObservableValue<?> o : overlays.observables()) {
            o.addListener((x, a, b) -> viewer.requestRedraw());
        }
        highlight.addListener((o, a, h) -> viewer.requestRedraw());
        // Follow the frame whose pixels are on screen, not the one requested: while a step's image decodes, the
        // previous image is still drawn and its overlays must stay with it. Following the requested frame moved the
        // result to the next frame first, so during playback every image (the last one too, at the wrap) was
        // redrawn bare until the next decode landed; pausing let result and image agree again.
        frame.bind(viewer.shownFrameProperty());
        frame.addListener((o, a, f) -> request());
        parameters.addListener((o, a, p) -> {
            debouncer.run(() -> {
                request();
                gallery.refresh();
            });
        });
        overlays.maskVisibleProperty().addListener((o, a, v) -> request());
        overlays.patchesVisibleProperty().addListener((o, a, v) -> request());
        panelActive.addListener((o, a, v) -> request());
        dataset.addListener((o, a, d) -> datasetChanged(d));

        summary = Bindings.createStringBinding(() -> {
            FrameSelection r = result.get();
            Frame f = frame.get();
            if (f == null) {
                return "No frame";
            }
            if (r == null) {
                return busy.get() ? "Selecting patches…" : "";
            }
            if (!r.frame().equals(f) || !r.params().equals(parameters.get())) {
                return "Selecting patches…";
            }
            return r.summary();
        }, result, busy, frame, parameters);
        note = Bindings.createStringBinding(() -> {
            FrameSelection r = result.get();
            return r == null || !r.frame().equals(frame.get()) ? "" : r.note().orElse("");
        }, result, frame);
    }

    // ---- the current frame

    /** Whether anything on screen needs the current frame's result. */
    private boolean wanted() {
        return overlays.maskVisibleProperty().get() || overlays.patchesVisibleProperty().get() || panelActive.get();
    }

    /** Requests the current frame's result (cache, workspace or live); the latest request wins. */
    public void request() {
        Frame f = frame.get();
        SelectionParameters p = parameters.get();
        long gen = generation.incrementAndGet();
        if (f == null) {
            busy.set(false);
            result.set(null);
            viewer.requestRedraw();
            return;
        }
        if (!wanted()) {
            busy.set(false);
            return;
        }
        FrameSelection hit = services.service().cached(f, p);
        if (hit != null) {
            deliver(hit);
            return;
        }
        busy.set(true);
        Dataset d = dataset.get();
        Path root = d == null ? null : d.root();
        Workspace ws = workspace.get();
        boolean mask = overlays.maskVisibleProperty().get();
        int maskArgb = maskLayer.argb();
        services.live().execute(() -> {
            if (generation.get() != gen) {
                return; // superseded before it started
            }
            FrameSelection r = services.service().get(root, ws, f, p);
            // the mask's tint is prepared here too, off the FX thread
            MaskLayer.Tint tint = mask ? MaskLayer.tint(r, maskArgb) : null;
            services.ui().execute(() -> {
                if (generation.get() == gen) {
                    maskLayer.offer(tint);
                    deliver(r);
                }
            });
        });
    }

    private void deliver(FrameSelection r) {
        busy.set(false);
        result.set(r);
        viewer.requestRedraw();
    }

    /** Centres the viewer on a patch of a frame (processed coordinates scaled back to the frame), keeping the zoom. */
    void centerOn(Frame f, org.clanet.workbench.selection.Patch p) {
        double[] s = FrameSelection.scale(f);
        viewer.centerOn((p.x() + p.w() / 2.0) * s[0], (p.y() + p.h() / 2.0) * s[1]);
    }

    // ---- parameters

    /**
     * Sets one parameter from its text; a bad name or value leaves the parameters unchanged.
     *
     * @return the reason it was refused, or empty when it was taken
     */
    public Optional<String> setParameter(String name, String text) {
        try {
            SelectionParameters p = parameters.get().with(name, text);
            parameters.set(p);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (e instanceof NumberFormatException) {
                m = "'" + text.trim() + "' is not a number";
            }
            return Optional.of(m == null ? "invalid value" : m);
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** A parameter's current value as text. */
    public String parameterText(String name) {
        return format(parameters.get().get(name));
    }

    static String format(Object v) {
        return String.valueOf(v);
    }

    public boolean isDefault(String name) {
        return Objects.equals(parameters.get().get(name), SelectionParameters.defaults().get(name));
    }

    public void resetParameters() {
        parameters.set(SelectionParameters.defaults());
    }

    // ---- dataset, workspace, badges

    private void datasetChanged(Dataset d) {
        long wsGen = ++workspaceGeneration;
        Workspace old = workspace.get();
        workspace.set(null);
        badges.set(Map.of());
        navigator.refreshBadges();
        services.service().clear();
        highlight.set(null);
        applyMessage.set("");
        workspaceText.set(d == null ? "" : "No results stored for this dataset yet.");
        if (old != null) {
            services.live().execute(old::close);
        }
        if (d != null && hasWorkspace(d.root())) {
            openWorkspace(d, wsGen);
        } else {
            request(); // the frame may have been requested against the previous dataset's workspace
        }
    }

    /**
     * Whether to open the dataset's workspace just to read it: when it exists in the dataset folder, or the folder
     * is read-only (then the workspace lives under the user's folder). Browsing never creates {@code .clanet}.
     */
    static boolean hasWorkspace(Path root) {
        return Workspace.worthOpening(root);
    }

    private void openWorkspace(Dataset d, long wsGen) {
        services.live().execute(() -> {
            Workspace ws = null;
            Map<String, PatchBadges.Coverage> cov = Map.of();
            Optional<SelectionParameters> applied = Optional.empty();
            String error = null;
            try {
                ws = Workspace.open(d.root(), null);
                cov = PatchBadges.compute(d, ws);
                applied = SelectionStage.lastParameters(ws);
            } catch (RuntimeException e) {
                LOG.warn("cannot open the workspace of {}", d.root(), e);
                error = e.getMessage();
            }
            Workspace opened = ws;
            Map<String, PatchBadges.Coverage> c = cov;
            Optional<SelectionParameters> lastApplied = applied;
            String err = error;
            services.ui().execute(() -> {
                if (wsGen != workspaceGeneration || dataset.get() != d) {
                    if (opened != null) {
                        services.live().execute(opened::close);
                    }
                    return;
                }
                Workspace previous = workspace.get();
                workspace.set(opened);
                if (previous != null && previous != opened) {
                    services.live().execute(previous::close);
                }
                publishBadges(c);
                if (err != null) {
                    workspaceText.set("Cannot open the workspace: " + err);
                }
                // Show the parameters the stored results were made with, so their overlays come from the workspace.
                lastApplied.ifPresent(parameters::set);
                services.service().clear();
                request();
                gallery.refresh();
            });
        });
    }

    /** Re-reads the badges from the workspace (after a run). */
    public void reloadBadges() {
        Dataset d = dataset.get();
        Workspace ws = workspace.get();
        if (d == null || ws == null) {
            return;
        }
        services.live().execute(() -> {
            Map<String, PatchBadges.Coverage> c;
            try {
                c = PatchBadges.compute(d, ws);
            } catch (RuntimeException e) {
                LOG.warn("cannot read patch coverage", e);
                return;
            }
            services.ui().execute(() -> {
                if (dataset.get() == d) {
                    publishBadges(c);
                }
            });
        });
    }

    private void publishBadges(Map<String, PatchBadges.Coverage> c) {
        badges.set(c);
        navigator.refreshBadges();
        int[] t = badges.totals();
        Dataset d = dataset.get();
        long seqs = d == null ? 0 : d.sequenceCount();
        workspaceText.set(t[0] == 0 && t[1] == 0 ? "No patches stored for this dataset yet."
                : "Stored patches: " + t[0] + " of " + seqs + " sequences complete"
                + (t[1] > 0 ? ", " + t[1] + " partly" : "") + ".");
    }

    // ---- apply to the dataset

    /**
     * Runs the selection stage over every frame of the dataset with the current parameters, as a background task
     * (progress, ETA, cancel), storing into the workspace; frames already fresh are skipped, so a cancelled run
     * resumes. Afterwards overlays and the gallery read the workspace and the badges are refreshed.
     *
     * @return the task, or null when no dataset is open or a run is in progress
     */
    public JobTask<SelectionStage.Summary> applyToDataset() {
        Dataset d = dataset.get();
        JobTask<SelectionStage.Summary> running = applyTask.get();
        if (d == null || running != null && !running.isFinished()) {
            return null;
        }
        SelectionParameters p = parameters.get();
        List<SelectionStage.Item> items = SelectionStage.itemsOf(d);
        int threads = Math.max(1, services.stageThreads());
        Path root = d.root();
        String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        applyMessage.set("Selecting patches in " + items.size() + " frames…");
        JobTask<SelectionStage.Summary> task = services.tasks().submit("Select patches: " + name,
                (progress, cancel) -> {
                    try (Workspace ws = Workspace.open(root, null)) {
                        return new SelectionStage(p, SelectionService.PRESET, threads).run(root, items, ws, null, progress,
                                cancel);
                    }
                });
        applyTask.set(task);
        task.stateProperty().addListener((o, a, s) -> {
            if (task.isFinished()) {
                afterApply(d, task);
            }
        });
        if (task.isFinished()) {
            afterApply(d, task);
        }
        return task;
    }

    private void afterApply(Dataset d, JobTask<SelectionStage.Summary> task) {
        applyMessage.set(switch (task.getState()) {
            case SUCCEEDED -> describe(task.getValue());
            case CANCELLED -> "Cancelled; what was stored stays, applying again resumes.";
            case FAILED -> "Failed: " + task.getFailureReason();
            default -> "";
        });
        if (dataset.get() != d) {
            return;
        }
        if (workspace.get() == null) {
            openWorkspace(d, workspaceGeneration);
        } else {
            services.service().clear();
            reloadBadges();
            request();
            gallery.refresh();
        }
    }

    static String describe(SelectionStage.Summary s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(s.total()).append(s.total() == 1 ? " frame: " : " frames: ").append(s.processed())
                .append(" processed, ").append(s.fresh()).append(" already up to date");
        if (s.failed() > 0) {
            sb.append(", ").append(s.failed()).append(" failed");
        }
        long notes = s.withNotes();
        if (notes > 0) {
            sb.append(", ").append(notes).append(" with notes");
        }
        return sb.append('.').toString();
    }

    // ---- properties

    public OverlaySettings overlays() {
        return overlays;
    }

    MaskLayer maskLayer() {
        return maskLayer;
    }

    public GalleryViewModel gallery() {
        return gallery;
    }

    public PatchBadges badges() {
        return badges;
    }

    public SelectionService service() {
        return services.service();
    }

    public ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame;
    }

    public ObjectProperty<SelectionParameters> parametersProperty() {
        return parameters;
    }

    public SelectionParameters getParameters() {
        return parameters.get();
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    /** The result on screen (may lag the frame while it is computed). */
    public ReadOnlyObjectProperty<FrameSelection> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public FrameSelection getResult() {
        return result.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "20 patches · mask 31.4 % · 118 ms · computed live", "Selecting patches…". */
    public StringBinding summaryText() {
        return summary;
    }

    /** The frame's note ("no cells found (empty mask)"), empty when all is normal. */
    public StringBinding noteText() {
        return note;
    }

    public ObjectProperty<Highlight> highlightProperty() {
        return highlight;
    }

    /** True while the parameters panel is on screen: results are computed even with both overlays hidden. */
    public BooleanProperty panelActiveProperty() {
        return panelActive;
    }

    public ReadOnlyObjectProperty<JobTask<SelectionStage.Summary>> applyTaskProperty() {
        return applyTask.getReadOnlyProperty();
    }

    /** Outcome of the last "Apply to dataset". */
    public ReadOnlyStringProperty applyMessageProperty() {
        return applyMessage.getReadOnlyProperty();
    }

    /** What the workspace holds, in words. */
    public ReadOnlyStringProperty workspaceTextProperty() {
        return workspaceText.getReadOnlyProperty();
    }

    @Override
    public void close() {
        debouncer.cancel();
        generation.incrementAndGet();
        gallery.close();
        Workspace ws = workspace.get();
        if (ws != null) {
            ws.close();
        }
    }
}
