package org.clanet.workbench.app.attention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.mil.heatmap.PatchAttention;

/**
 * The top-attention patches of a sequence, most attended first (the gallery shows what the model looked at),
 * with their crops decoded in the background (one image decode per frame for all its patches). FX thread.
 */
public final class TopAttentionViewModel {

    /** Loads the processed gray image of a frame (the image the patch boxes are in); any thread. */
    @FunctionalInterface
    public interface FrameImages {
        GrayImage load(Frame frame) throws Exception;
    }

    /** One patch of the gallery; {@code place} is 1 for the most attended patch of the sequence. */
    public record Item(int place, FrameHeatmap frame, PatchAttention patch) {

        /** "1 · 0d 8h · #3 · 0.0432". */
        public String label() {
            return String.format(Locale.ROOT, "%d · %s · #%d · %.3g", place, frame.frame().time().label(),
                    patch.rank() + 1, patch.attention());
        }
    }

    /** A crop as opaque ARGB pixels. */
    public record Crop(int width, int height, int[] argb) {
    }

    public static final int DEFAULT_COUNT = 24;

    private final Executor background;
    private final Executor ui;
    private final FrameImages images;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObjectProperty<FrameHeatmap.Sequence> sequence = new SimpleObjectProperty<>(this, "sequence");
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", DEFAULT_COUNT);
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final Map<Item, Crop> crops = new HashMap<>();
    private final Map<Frame, List<Runnable>> waiting = new HashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private Consumer<Item> onOpen = i -> { };

    public TopAttentionViewModel(FrameImages images, Executor background, Executor ui) {
        this.images = images;
        this.background = background;
        this.ui = ui;
        sequence.addListener(o -> refresh());
        count.addListener(o -> refresh());
    }

    private void refresh() {
        generation.incrementAndGet();
        crops.clear();
        waiting.clear();
        selected.set(null);
        FrameHeatmap.Sequence s = sequence.get();
        items.setAll(top(s, count.get()));
        int total = s == null ? 0 : s.frames().stream().mapToInt(f -> f.attention().patches().size()).sum();
        status.set(s == null ? "No attention to show." : String.format(Locale.ROOT,
                "Top %d of %,d patches by attention for %s", items.size(), total, s.className()));
    }

    /** The {@code n} most attended patches of the sequence (ties: earlier frame, then lower rank). */
    static List<Item> top(FrameHeatmap.Sequence s, int n) {
        if (s == null) {
            return List.of();
        }
        record P(FrameHeatmap f, PatchAttention p) {
        }
        List<P> all = new ArrayList<>();
        for (FrameHeatmap f : s.frames()) {
            for (PatchAttention p : f.attention().patches()) {
                all.add(new P(f, p));
            }
        }
        all.sort(Comparator.comparingDouble((P x) -> -x.p().attention())
                .thenComparingInt(x -> x.f().attention().index()).thenComparingInt(x -> x.p().rank()));
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            out.add(new Item(i + 1, all.get(i).f(), all.get(i).p()));
        }
        return out;
    }

    /** The crop when decoded, else null. */
    public Crop cachedCrop(Item item) {
        return crops.get(item);
    }

    /** The crop: at once when decoded, else later on the UI thread. Unreadable frames give no callback. */
    public void crop(Item item, Consumer<Crop> done) {
        Crop c = crops.get(item);
        if (c != null) {
            done.accept(c);
            return;
        }
        Frame f = item.frame().frame();
        List<Runnable> list = waiting.get(f);
        Runnable deliver = () -> {
            Crop got = crops.get(item);
            if (got != null) {
                done.accept(got);
            }
        };
        if (list != null) {
            list.add(deliver);
            return;
        }
        list = new ArrayList<>();
        list.add(deliver);
        waiting.put(f, list);
        List<Item> ofFrame = items.stream().filter(i -> i.frame().frame().equals(f)).toList();
        long gen = generation.get();
        background.execute(() -> {
            Map<Item, Crop> cut = new LinkedHashMap<>();
            try {
                GrayImage img = images.load(f);
                for (Item i : ofFrame) {
                    cut.put(i, cut(img, i.patch()));
                }
            } catch (Exception | OutOfMemoryError e) {
                org.slf4j.LoggerFactory.getLogger(TopAttentionViewModel.class)
                        .debug("no crops for {}: {}", f, e.toString());
            }
            ui.execute(() -> {
                if (generation.get() != gen) {
                    return;
                }
                crops.putAll(cut);
                List<Runnable> rs = waiting.remove(f);
                if (rs != null) {
                    rs.forEach(Runnable::run);
                }
            });
        });
    }

    /** The patch's box of the image (clamped), stretched between the crop's own 1st and 99th percentile. */
    static Crop cut(GrayImage img, PatchAttention p) {
        int x0 = Math.max(0, Math.min(img.width() - 1, p.x()));
        int y0 = Math.max(0, Math.min(img.height() - 1, p.y()));
        int w = Math.max(1, Math.min(p.w(), img.width() - x0));
        int h = Math.max(1, Math.min(p.h(), img.height() - y0));
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(img.pixels(), (y0 + y) * img.width() + x0, v, y * w, w);
        }
        float[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))];
        float hi = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
        float span = hi > lo ? hi - lo : 1;
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int g = Math.max(0, Math.min(255, Math.round((v[i] - lo) / span * 255)));
            out[i] = 0xff000000 | g << 16 | g << 8 | g;
        }
        return new Crop(w, h, out);
    }

    /** Selects the item and tells the integrator to open its frame with the patch highlighted. */
    public void open(Item item) {
        if (item != null) {
            selected.set(item);
            onOpen.accept(item);
        }
    }

    public void setOnOpen(Consumer<Item> c) {
        onOpen = c == null ? i -> { } : c;
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ObjectProperty<FrameHeatmap.Sequence> sequenceProperty() {
        return sequence;
    }

    /** How many patches the gallery shows (default 24). */
    public IntegerProperty countProperty() {
        return count;
    }

    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
