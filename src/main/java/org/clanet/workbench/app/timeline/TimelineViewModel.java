package org.clanet.workbench.app.timeline;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;

/**
 * The timeline of the selected sequence: its frames in time order, the current index (scrubber, arrow keys,
 * playback), play/pause and speed. Playback is driven by {@link #tick()}, which the view calls at
 * {@link #fpsProperty()} frames per second. FX-thread only.
 */
public final class TimelineViewModel {

    public static final double[] SPEEDS = {1, 2, 4, 8, 15, 30};

    private final ObjectProperty<Sequence> sequence = new SimpleObjectProperty<>(this, "sequence");
    private final ObservableList<Frame> frames = FXCollections.observableArrayList();
    private final IntegerProperty index = new SimpleIntegerProperty(this, "index", -1);
    private final ReadOnlyObjectWrapper<Frame> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", true);
    private final DoubleProperty fps = new SimpleDoubleProperty(this, "fps", 4);
    private final StringBinding position;

    public TimelineViewModel() {
        sequence.addListener((o, a, s) -> {
            playing.set(false);
            frames.setAll(s == null ? java.util.List.of() : s.frames());
            index.set(-1); // force a change even when the new index equals the old one
            index.set(frames.isEmpty() ? -1 : 0);
        });
        index.addListener((o, a, i) -> {
            int n = frames.size();
            int v = i.intValue();
            if (n > 0 && (v < 0 || v >= n) && v != -1) {
                index.set(Math.max(0, Math.min(n - 1, v)));
                return;
            }
            current.set(v >= 0 && v < n ? frames.get(v) : null);
        });
        position = Bindings.createStringBinding(() -> {
            Frame f = current.get();
            if (f == null) {
                return "No frame";
            }
            return "Frame " + (index.get() + 1) + " / " + frames.size() + " · " + f.time().label();
        }, current, index);
    }

    /** Moves by {@code delta} frames, clamped to the sequence. */
    public void step(int delta) {
        if (!frames.isEmpty()) {
            index.set(Math.max(0, Math.min(frames.size() - 1, index.get() + delta)));
        }
    }

    public void first() {
        if (!frames.isEmpty()) {
            index.set(0);
        }
    }

    public void last() {
        if (!frames.isEmpty()) {
            index.set(frames.size() - 1);
        }
    }

    /** One playback step: the next frame; at the end, wraps when looping, else stops. */
    public void tick() {
        if (!playing.get() || frames.isEmpty()) {
            return;
        }
        if (index.get() >= frames.size() - 1) {
            if (loop.get()) {
                index.set(0);
            } else {
                playing.set(false);
            }
        } else {
            index.set(index.get() + 1);
        }
    }

    public void togglePlay() {
        playing.set(!playing.get() && frames.size() > 1);
    }

    public ObjectProperty<Sequence> sequenceProperty() {
        return sequence;
    }

    public ObservableList<Frame> frames() {
        return frames;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public int getIndex() {
        return index.get();
    }

    public ReadOnlyObjectProperty<Frame> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public Frame getCurrent() {
        return current.get();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty loopProperty() {
        return loop;
    }

    public DoubleProperty fpsProperty() {
        return fps;
    }

    /** "Frame 3 / 22 · 0d 8h". */
    public StringBinding positionText() {
        return position;
    }
}
