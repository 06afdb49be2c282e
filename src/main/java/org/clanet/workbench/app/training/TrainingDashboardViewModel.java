package org.clanet.workbench.app.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clanet.workbench.app.charts.SeriesBuffer;

/**
 * The training dashboard's state: the parameters form (kind, preset, epochs, split, seed, device), the estimated
 * time for them (from the integrator's estimator), run state and Start / Cancel / Resume callbacks, and the live
 * curves. {@link #addPoint} may be called from any thread (the training loop's); points are queued and moved to
 * the FX thread in one batch per pulse. Every point is kept (export), the view draws a decimated copy.
 */
public final class TrainingDashboardViewModel {

    /** Which chart a series goes to. */
    public enum Chart {
        LOSS("Loss"), ACCURACY("Accuracy"), LEARNING_RATE("Learning rate");

        private final String title;

        Chart(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /**
         * By name: "...acc..." → accuracy, "lr" / "learning rate" / "momentum" (DINO's teacher schedule, also 0..1)
         * → learning rate, else loss.
         */
        public static Chart of(String series) {
            String s = series.toLowerCase(Locale.ROOT);
            if (s.contains("acc")) {
                return ACCURACY;
            }
            if (s.equals("lr") || s.contains("learning") || s.contains("momentum") || s.endsWith(" lr")
                    || s.startsWith("lr ")) {
                return LEARNING_RATE;
            }
            return LOSS;
        }
    }

    private record Point(String series, double x, double y) {
    }

    private final Executor ui;
    private final ObjectProperty<TrainingParameters.Kind> kind = new SimpleObjectProperty<>(this, "kind",
            TrainingParameters.Kind.MIL);
    private final ObservableList<String> presets = FXCollections.observableArrayList();
    private final ObjectProperty<String> preset = new SimpleObjectProperty<>(this, "preset");
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 2000);
    private final ObservableList<String> splits = FXCollections.observableArrayList();
    private final ObjectProperty<String> split = new SimpleObjectProperty<>(this, "split");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final ObservableList<String> devices = FXCollections.observableArrayList("CPU");
    private final ObjectProperty<String> device = new SimpleObjectProperty<>(this, "device", "CPU");
    private final ObjectProperty<Function<TrainingParameters, Duration>> estimator =
            new SimpleObjectProperty<>(this, "estimator");
    private final StringBinding estimate;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty resumable = new SimpleBooleanProperty(this, "resumable");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Not started");
    private final StringProperty deviceLabel = new SimpleStringProperty(this, "deviceLabel", "");
    private final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ConcurrentLinkedQueue<Point> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private Consumer<TrainingParameters> onStart = p -> { };
    private Consumer<TrainingParameters> onResume = p -> { };
    private Runnable onCancel = () -> { };

    /** @param ui runs on the FX thread ({@code Platform::runLater}; tests may pass a synchronous one) */
    public TrainingDashboardViewModel(Executor ui) {
        this.ui = ui;
        estimate = Bindings.createStringBinding(this::estimateText, kind, preset, epochs, split, seed, device,
                estimator);
    }

    /** The form's parameters now. */
    public TrainingParameters parameters() {
        return new TrainingParameters(kind.get(), preset.get(), epochs.get(), split.get(), seed.get(), device.get());
    }

    private String estimateText() {
        Function<TrainingParameters, Duration> f = estimator.get();
        if (f == null) {
            return "Estimated time: —";
        }
        try {
            Duration d = f.apply(parameters());
            return d == null ? "Estimated time: —" : "Estimated time: about " + format(d) + " on " + device.get();
        } catch (RuntimeException e) {
            return "Estimated time: unknown (" + e.getMessage() + ")";
        }
    }

    /** "45 s", "12 min", "2 h 10 min", "3 d 4 h". */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 90) {
            return s + " s";
        }
        long m = Math.round(s / 60.0);
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " h " + (m % 60) + " min";
        }
        return h / 24 + " d " + h % 24 + " h";
    }

    // ---- run

    /** Start pressed: clears the curves, marks running, calls the integrator. */
    public void start() {
        if (running.get()) {
            return;
        }
        queue.clear();
        series.clear();
        version.set(version.get() + 1);
        running.set(true);
        resumable.set(false);
        status.set("Running");
        onStart.accept(parameters());
    }

    public void cancel() {
        if (running.get()) {
            onCancel.run();
        }
    }

    /** Resume pressed: continues the last run from its checkpoint (keeps the curves). */
    public void resume() {
        if (running.get() || !resumable.get()) {
            return;
        }
        running.set(true);
        resumable.set(false);
        status.set("Running (resumed)");
        onResume.accept(parameters());
    }

    /**
     * The integrator reports the run ended (FX thread): finished, failed or cancelled; resumable if a checkpoint
     * is left.
     */
    public void ended(String statusText, boolean canResume) {
        running.set(false);
        resumable.set(canResume);
        status.set(statusText);
    }

    public void setOnStart(Consumer<TrainingParameters> c) {
        onStart = c == null ? p -> { } : c;
    }

    public void setOnResume(Consumer<TrainingParameters> c) {
        onResume = c == null ? p -> { } : c;
    }

    public void setOnCancel(Runnable r) {
        onCancel = r == null ? () -> { } : r;
    }

    // ---- curves

    /** A point of a curve ("train loss", "test accuracy", "lr"…); any thread. */
    public void addPoint(String name, double x, double y) {
        queue.add(new Point(name, x, y));
        if (flushQueued.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    /** Moves the queued points into the series (FX thread). */
    void flush() {
        flushQueued.set(false);
        boolean any = false;
        for (Point p; (p = queue.poll()) != null; ) {
            series.computeIfAbsent(p.series(), k -> new SeriesBuffer()).add(p.x(), p.y());
            any = true;
        }
        if (any) {
            version.set(version.get() + 1);
        }
    }

    /** The series names in the order they first came. */
    public List<String> seriesNames() {
        return new ArrayList<>(series.keySet());
    }

    public SeriesBuffer series(String name) {
        return series.get(name);
    }

    /** Points kept for a series (all of them). */
    public int pointCount(String name) {
        SeriesBuffer b = series.get(name);
        return b == null ? 0 : b.size();
    }

    /** Every point of every series: {@code series,x,y}. */
    public String csv() {
        StringBuilder sb = new StringBuilder("series,x,y\n");
        for (Map.Entry<String, SeriesBuffer> e : series.entrySet()) {
            SeriesBuffer b = e.getValue();
            String name = e.getKey().contains(",") ? '"' + e.getKey().replace("\"", "\"\"") + '"' : e.getKey();
            for (int i = 0; i < b.size(); i++) {
                sb.append(name).append(',').append(b.x(i)).append(',').append(b.y(i)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Changes whenever points arrive or the curves are cleared (the view redraws on it). */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    // ---- properties

    public ObjectProperty<TrainingParameters.Kind> kindProperty() {
        return kind;
    }

    public ObservableList<String> presets() {
        return presets;
    }

    public ObjectProperty<String> presetProperty() {
        return preset;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public ObservableList<String> splits() {
        return splits;
    }

    public ObjectProperty<String> splitProperty() {
        return split;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ObservableList<String> devices() {
        return devices;
    }

    public ObjectProperty<String> deviceProperty() {
        return device;
    }

    /** Estimates a run's duration on this machine (e.g. from a timed epoch); null: no estimate. */
    public ObjectProperty<Function<TrainingParameters, Duration>> estimatorProperty() {
        return estimator;
    }

    /** "Estimated time: about 2 h 10 min on CPU". */
    public StringBinding estimateProperty() {
        return estimate;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty resumableProperty() {
        return resumable;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The device the engine runs on, as {@code EngineStatus} reports it ("PyTorch 2.7.1 · CPU"). */
    public StringProperty deviceLabelProperty() {
        return deviceLabel;
    }
}
