package org.clanet.workbench.app.status;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Status bar state: deep-learning engine and device (probed once in the background), heap in use (sampled by
 * the view every second). The current task and the pixel readout come from their own view models.
 */
public final class StatusViewModel {

    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine", "Engine: probing…");
    private final ReadOnlyStringWrapper engineDetail = new ReadOnlyStringWrapper(this, "engineDetail", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");

    /** What the probe found: a label like "PyTorch 2.7.1 · CPU" and a longer detail. */
    public record EngineInfo(String label, String detail) {
    }

    /** Runs {@code probe} on {@code background} and shows its answer (on {@code ui}). */
    public void probeEngine(Executor background, Executor ui, Supplier<EngineInfo> probe) {
        background.execute(() -> {
            EngineInfo info;
            try {
                info = probe.get();
            } catch (RuntimeException | LinkageError e) {
                info = new EngineInfo("Deep learning unavailable", String.valueOf(e.getMessage()));
            }
            EngineInfo done = info;
            ui.execute(() -> {
                engine.set(done.label());
                engineDetail.set(done.detail());
            });
        });
    }

    /** Samples the heap now. */
    public void sampleMemory() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.set(memoryText(used, rt.maxMemory()));
    }

    public static String memoryText(long used, long max) {
        return String.format(Locale.ROOT, "%d / %d MB", used >> 20, max >> 20);
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty engineDetailProperty() {
        return engineDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }
}
