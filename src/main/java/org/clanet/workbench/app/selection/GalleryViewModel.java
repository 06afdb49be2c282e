package org.clanet.workbench.app.selection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.app.timeline.TimelineViewModel;
import org.clanet.workbench.app.util.LruCache;
import org.clanet.workbench.app.viewer.DisplayMapping;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.selection.Patch;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.workspace.Workspace;

/**
 * The patch gallery of the timeline's sequence: every frame's selected patches (from the workspace when fresh for
 * the current parameters, else computed live, one frame per background job), sortable by confluency or time;
 * 112×112 crops decoded in the background (one decode per frame for all its patches) into a bounded cache;
 * opening a patch jumps to its frame and highlights its box. Refreshes only while {@link #activeProperty()} (its
 * tab on screen); otherwise it remembers to refresh when shown. FX-thread only.
 */
public final class GalleryViewModel implements AutoCloseable {

    /** Gallery order. */
    public enum Sort {
        CONFLUENCY("Confluency (highest first)"), TIME("Time, then rank");

        private final String label;

        Sort(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One patch of the sequence. */
    public record Item(Frame frame, int frameIndex, Patch patch, FrameSelection.Source source) {

        /** "0d 8h · #3 · 0.91". */
        public String label() {
            return frame.time().label() + " · #" + (patch.rank() + 1)
                    + String.format(Locale.ROOT, " · %.2f", patch.confluency());
        }

        String cropKey() {
            return frame.path() + "#" + patch.x() + "," + patch.y() + "," + patch.w() + "," + patch.h();
        }
    }

    /** A crop as opaque ARGB pixels (the view wraps it in an image). */
    public record Crop(int width, int height, int[] argb) {
    }

    static final Comparator<Item> BY_CONFLUENCY = Comparator
            .comparingDouble((Item i) -> -i.patch().confluency())
            .thenComparingInt(Item::frameIndex)
            .thenComparingInt(i -> i.patch().rank());
    static final Comparator<Item> BY_TIME = Comparator.comparingInt(Item::frameIndex)
            .thenComparingInt(i -> i.patch().rank());

    private final SelectionViewModel selection;
    private final TimelineViewModel timeline;
    private final Executor background;
    private final Executor ui;
    private final SelectionService service;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final List<Item> all = new ArrayList<>();
    private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(this, "sort", Sort.CONFLUENCY);
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>(this, "selected");
    private final LruCache<String, Crop> crops;
    private final Map<Path, List<Runnable>> pendingCrops = new HashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private Sequence shown;
    private int framesDone;
    private int framesTotal;
    private int failedFrames;
    private boolean dirty = true;
    // Frames arrive one by one (a sequence may have hundreds): their patches are collected and published into the
    // sorted list at most every PUBLISH_NANOS (merged in, not re-sorted), and when the last frame arrives.
    static final long PUBLISH_NANOS = 100_000_000L;
    private final List<Item> unpublished = new ArrayList<>();
    private LongSupplier clock = System::nanoTime;
    private long lastPublish;
    private boolean refreshing;

    GalleryViewModel(SelectionViewModel selection, TimelineViewModel timeline, Executor background, Executor ui,
                     SelectionService service) {
        this.selection = selection;
        this.timeline = timeline;
        this.background = background;
        this.ui = ui;
        this.service = service;
        this.crops = new LruCache<>(32L << 20, c -> (long) c.argb().length * 4 + 64);
        timeline.sequenceProperty().addListener((o, a, s) -> refresh());
        sort.addListener((o, a, s) -> resort());
        active.addListener((o, a, on) -> {
            if (on && dirty) {
                refresh();
            }
        });
    }

    /** Rebuilds the gallery for the timeline's sequence and the current parameters (or marks it to, when hidden). */
    public void refresh() {
        long gen = generation.incrementAndGet();
        Sequence s = timeline.sequenceProperty().get();
        if (!active.get()) {
            dirty = true;
            if (s != shown) {
                clear(s);
            }
            return;
        }
        dirty = false;
        clear(s);
        if (s == null) {
            status.set("No sequence selected.");
            return;
        }
        SelectionParameters p = selection.getParameters();
        Dataset d = selection.datasetProperty().get();
        Path root = d == null ? null : d.root();
        Workspace ws = selection.workspaceProperty().get();
        framesTotal = s.size();
        loading.set(true);
        updateStatus();
        refreshing = true; // the cached frames below are published together, after the loop
        try {
            queueFrames(s, p, root, ws, gen);
        } finally {
            refreshing = false;
        }
        publish();
    }

    private void queueFrames(Sequence s, SelectionParameters p, Path root, Workspace ws, long gen) {
        for (int i = 0; i < s.size(); i++) {
            Frame f = s.frames().get(i);
            int index = i;
            FrameSelection hit = service.cached(f, p);
            if (hit != null) {
                addFrame(index, hit);
                continue;
            }
            background.execute(() -> {
                if (generation.get() != gen) {
                    return;
                }
                FrameSelection r = service.get(root, ws, f, p);
                ui.execute(() -> {
                    if (generation.get() == gen) {
                        addFrame(index, r);
                    }
                });
            });
        }
    }

    private void clear(Sequence s) {
        shown = s;
        all.clear();
        unpublished.clear();
        lastPublish = clock.getAsLong();
        items.clear();
        selected.set(null);
        framesDone = 0;
        failedFrames = 0;
        framesTotal = s == null ? 0 : s.size();
        loading.set(false);
        status.set(s == null ? "No sequence selected." : "");
    }

    private void addFrame(int index, FrameSelection r) {
        framesDone++;
        if (r.source() == FrameSelection.Source.FAILED) {
            failedFrames++;
        }
        for (Patch p : r.patches()) {
            Item item = new Item(r.frame(), index, p, r.source());
            all.add(item);
            unpublished.add(item);
        }
        boolean done = framesDone >= framesTotal;
        if (done) {
            loading.set(false);
        }
        if (done || !refreshing && clock.getAsLong() - lastPublish >= PUBLISH_NANOS) {
            publish();
        }
        updateStatus();
    }

    private Comparator<Item> order() {
        return sort.get() == Sort.TIME ? BY_TIME : BY_CONFLUENCY;
    }

    /** Merges the patches collected since the last publication into the (sorted) list: one change. */
    private void publish() {
        lastPublish = clock.getAsLong();
        if (unpublished.isEmpty()) {
            return;
        }
        Comparator<Item> order = order();
        List<Item> batch = new ArrayList<>(unpublished);
        unpublished.clear();
        batch.sort(order);
        List<Item> merged = new ArrayList<>(items.size() + batch.size());
        int i = 0;
        int j = 0;
        while (i < items.size() || j < batch.size()) {
            if (j >= batch.size() || i < items.size() && order.compare(items.get(i), batch.get(j)) <= 0) {
                merged.add(items.get(i++));
            } else {
                merged.add(batch.get(j++));
            }
        }
        items.setAll(merged);
    }

    private void resort() {
        unpublished.clear();
        lastPublish = clock.getAsLong();
        List<Item> sorted = new ArrayList<>(all);
        sorted.sort(order());
        items.setAll(sorted);
    }

    /** The clock publication is timed with (tests). */
    void clock(LongSupplier c) {
        clock = c;
    }

    private void updateStatus() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%,d %s", all.size(), all.size() == 1 ? "patch" : "patches"));
        if (framesDone < framesTotal) {
            sb.append(" · selecting… ").append(framesDone).append(" / ").append(framesTotal).append(" frames");
        } else {
            sb.append(" in ").append(framesTotal).append(framesTotal == 1 ? " frame" : " frames");
            long stored = all.stream().filter(i -> i.source() == FrameSelection.Source.WORKSPACE).count();
            sb.append(all.isEmpty() ? "" : stored == all.size() ? " · from the workspace"
                    : stored == 0 ? " · computed live" : " · partly from the workspace");
        }
        if (failedFrames > 0) {
            sb.append(" · ").append(failedFrames).append(" unreadable");
        }
        status.set(sb.toString());
    }

    /** Jumps to the patch's frame and highlights its box there. */
    public void open(Item item) {
        if (item == null) {
            return;
        }
        selected.set(item);
        Sequence s = timeline.sequenceProperty().get();
        if (s != null && item.frameIndex() < s.size() && s.frames().get(item.frameIndex()).equals(item.frame())) {
            timeline.playingProperty().set(false);
            timeline.indexProperty().set(item.frameIndex());
        }
        selection.highlightProperty().set(new SelectionViewModel.Highlight(item.frame(), item.patch().rank()));
        selection.centerOn(item.frame(), item.patch());
    }

    // ---- crops

    /** The crop when cached, else null. */
    public Crop cachedCrop(Item item) {
        return crops.get(item.cropKey());
    }

    /**
     * The crop of a patch: at once when cached, else later on the UI thread (decoded in the background; all
     * patches of a frame are cut from one decode). Unreadable frames give no callback.
     */
    public void crop(Item item, Consumer<Crop> done) {
        Crop c = crops.get(item.cropKey());
        if (c != null) {
            done.accept(c);
            return;
        }
        Path file = item.frame().path();
        List<Runnable> waiting = pendingCrops.get(file);
        Runnable deliver = () -> {
            Crop got = crops.get(item.cropKey());
            if (got != null) {
                done.accept(got);
            }
        };
        if (waiting != null) {
            waiting.add(deliver);
            return;
        }
        waiting = new ArrayList<>();
        waiting.add(deliver);
        pendingCrops.put(file, waiting);
        List<Item> ofFrame = new ArrayList<>();
        for (Item i : all) {
            if (i.frame().path().equals(file)) {
                ofFrame.add(i);
            }
        }
        if (!ofFrame.contains(item)) {
            ofFrame.add(item);
        }
        background.execute(() -> {
            try {
                GrayImage img = service.loadProcessed(item.frame());
                float[] lv = DisplayMapping.percentiles(img, 0.005, 0.995);
                DisplayMapping m = new DisplayMapping(lv[0], lv[1], 0, 1);
                for (Item i : ofFrame) {
                    crops.put(i.cropKey(), cut(img, i.patch(), m));
                }
            } catch (Exception | OutOfMemoryError e) {
                org.slf4j.LoggerFactory.getLogger(GalleryViewModel.class)
                        .debug("no crops for {}: {}", file, e.toString());
            }
            ui.execute(() -> {
                List<Runnable> rs = pendingCrops.remove(file);
                if (rs != null) {
                    rs.forEach(Runnable::run);
                }
            });
        });
    }

    /** The patch's box of the processed image (clamped to it), through the display mapping. */
    static Crop cut(GrayImage img, Patch p, DisplayMapping m) {
        int x0 = Math.max(0, Math.min(img.width() - 1, p.x()));
        int y0 = Math.max(0, Math.min(img.height() - 1, p.y()));
        int w = Math.max(1, Math.min(p.w(), img.width() - x0));
        int h = Math.max(1, Math.min(p.h(), img.height() - y0));
        int[] out = new int[w * h];
        float[] px = img.pixels();
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * img.width() + x0;
            for (int x = 0; x < w; x++) {
                int g = m.gray(px[row + x]);
                out[y * w + x] = 0xff000000 | g << 16 | g << 8 | g;
            }
        }
        return new Crop(w, h, out);
    }

    public int cachedCrops() {
        return crops.size();
    }

    // ---- properties

    /** The patches, in the chosen order. */
    public ObservableList<Item> items() {
        return items;
    }

    public ObjectProperty<Sort> sortProperty() {
        return sort;
    }

    /** True while the gallery is on screen; hidden, it refreshes lazily. */
    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "440 patches in 22 frames · computed live", "120 patches · selecting… 6 / 22 frames". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The patch last opened. */
    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        crops.clear();
    }
}
