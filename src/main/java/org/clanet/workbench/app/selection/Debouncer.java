package org.clanet.workbench.app.selection;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.clanet.workbench.app.util.Executors2;

/**
 * Runs the last of a burst of requests once the burst has been quiet for a delay (typing in a parameter field
 * re-runs the frame once, not per key). The action runs on the UI executor. A delay of 0 runs it at once, on the
 * caller (unit tests). Call from the UI thread.
 */
public final class Debouncer {

    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(Executors2.daemon("clanet-debounce"));

    private final long delayMillis;
    private final Executor ui;
    private ScheduledFuture<?> pending;
    private long generation;

    public Debouncer(long delayMillis, Executor ui) {
        this.delayMillis = delayMillis;
        this.ui = ui;
    }

    public void run(Runnable action) {
        if (pending != null) {
            pending.cancel(false);
        }
        long gen = ++generation;
        if (delayMillis <= 0) {
            action.run();
            return;
        }
        pending = TIMER.schedule(() -> ui.execute(() -> {
            if (gen == generation) {
                action.run();
            }
        }), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Drops a pending action. */
    public void cancel() {
        generation++;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    public long delayMillis() {
        return delayMillis;
    }
}
