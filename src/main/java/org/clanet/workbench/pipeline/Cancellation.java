package org.clanet.workbench.pipeline;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation shared by a stage and whoever started it (CLI Ctrl-C, GUI Cancel button). */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token nobody will ever cancel. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancellationException} when cancelled; call between work units. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
