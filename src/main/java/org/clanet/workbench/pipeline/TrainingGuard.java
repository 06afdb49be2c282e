package org.clanet.workbench.pipeline;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One training per JVM: DJL's gradient collector is a process-wide singleton, so two trainings at once would
 * mix their gradients. Every training stage holds this while it runs; a second one is refused with a message
 * naming the one that is running.
 */
public final class TrainingGuard implements AutoCloseable {

    private static final AtomicReference<String> RUNNING = new AtomicReference<>();

    private final String what;

    private TrainingGuard(String what) {
        this.what = what;
    }

    /**
     * @param what what is starting, e.g. "DINO pretraining"
     * @throws IllegalStateException when another training holds the guard
     */
    public static TrainingGuard acquire(String what) {
        if (!RUNNING.compareAndSet(null, what)) {
            throw new IllegalStateException("Cannot start " + what + ": " + RUNNING.get()
                    + " is already running in this process, and only one training can run at a time."
                    + " Wait for it to finish or cancel it.");
        }
        return new TrainingGuard(what);
    }

    /** What is training now, or null. */
    public static String running() {
        return RUNNING.get();
    }

    @Override
    public void close() {
        RUNNING.compareAndSet(what, null);
    }
}
