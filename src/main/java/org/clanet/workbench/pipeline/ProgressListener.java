package org.clanet.workbench.pipeline;

/**
 * Receives progress of a long stage. Called from worker threads; implementations must be thread-safe
 * and cheap (the CLI prints, the GUI forwards to a javafx.concurrent Task).
 */
@FunctionalInterface
public interface ProgressListener {

    /** Nothing listens. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * @param done    work units finished so far
     * @param total   all work units, or -1 when unknown
     * @param message short human-readable state, e.g. the file being processed
     */
    void update(long done, long total, String message);

    /** Typed progress beyond done/total (epochs, losses, metrics, notes); ignored unless overridden. */
    default void event(ProgressEvent event) {
    }
}
