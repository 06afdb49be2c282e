package org.clanet.workbench.app.attention;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.clanet.workbench.mil.heatmap.ColorMap;
import org.clanet.workbench.mil.heatmap.FrameStrip;

/**
 * The frame attention strip's state: each frame's summed attention (time order), the frame selected (bind it to
 * the timeline's index), the colour map. Clicking a bar calls {@link #select}. FX thread.
 */
public final class FrameStripViewModel {

    /** What the strip shows: one value and one label per frame ("0d 8h"), and whose attention it is. */
    public record Strip(double[] summed, List<String> labels, String className) {

        public Strip {
            labels = List.copyOf(labels);
            if (labels.size() != summed.length) {
                throw new IllegalArgumentException(labels.size() + " labels for " + summed.length + " frames");
            }
            summed = summed.clone();
        }

        public int size() {
            return summed.length;
        }

        public double max() {
            double m = 0;
            for (double v : summed) {
                m = Math.max(m, v);
            }
            return m;
        }

        /** The strip of a sequence's attention, labelled with the frames' times. */
        public static Strip of(FrameHeatmap.Sequence s) {
            return new Strip(FrameStrip.summed(s.attention()),
                    s.frames().stream().map(f -> f.frame().time().label()).toList(), s.className());
        }
    }

    private final ObjectProperty<Strip> strip = new SimpleObjectProperty<>(this, "strip");
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private IntConsumer onSelect = i -> { };

    public ObjectProperty<Strip> stripProperty() {
        return strip;
    }

    /** The selected frame's index, -1 for none. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /** Called with the index when the user clicks a bar (after {@link #selectedIndexProperty()} changed). */
    public void setOnSelect(IntConsumer c) {
        onSelect = c == null ? i -> { } : c;
    }

    /** Selects frame {@code i} (ignored when out of range). */
    public void select(int i) {
        Strip s = strip.get();
        if (s == null || i < 0 || i >= s.size()) {
            return;
        }
        selectedIndex.set(i);
        onSelect.accept(i);
    }

    /** "frame 3 of 22 · 0d 8h · summed attention 0.123 (41 % of the most)". */
    public String describe(int i) {
        Strip s = strip.get();
        if (s == null || i < 0 || i >= s.size()) {
            return "";
        }
        double max = s.max();
        return String.format(Locale.ROOT, "frame %d of %d · %s · summed attention %.3g (%.0f %% of the most)", i + 1,
                s.size(), s.labels().get(i), s.summed()[i], max > 0 ? 100 * s.summed()[i] / max : 0);
    }

    /** The bar under x of a strip {@code width} wide with {@code n} equal slots, -1 outside. */
    public static int indexAt(double x, double width, int n) {
        if (n <= 0 || width <= 0 || x < 0 || x >= width) {
            return -1;
        }
        return Math.min(n - 1, (int) Math.floor(x / width * n));
    }
}
