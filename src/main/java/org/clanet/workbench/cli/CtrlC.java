package org.clanet.workbench.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.clanet.workbench.pipeline.Cancellation;

/**
 * Ctrl-C (or a termination signal) while a command runs: cancels its {@link Cancellation} and then holds the JVM's
 * shutdown until the command has finished cleanly (workspace closed, "cancelled" printed), up to a grace period.
 * A shutdown hook that only set the flag and returned let the JVM halt in the middle of the command.
 *
 * <pre>{@code try (CtrlC c = CtrlC.cancelOnShutdown(cancel)) { ... }}</pre>
 *
 * <p>The hook waits for {@link #close()} rather than joining the command's thread: that thread goes on to
 * {@code System.exit}, which blocks for good once shutdown has begun. The exit status is then the signal's
 * (130 for Ctrl-C).
 */
final class CtrlC implements AutoCloseable {

    /** How long a shutdown waits for the command to wind up. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Cancellation cancel;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC(Cancellation cancel, Duration grace) {
        this.cancel = cancel;
        this.grace = grace;
        this.hook = new Thread(this::onShutdown, "clanet-ctrl-c");
    }

    /** Registers the hook; close the result when the command is done (try-with-resources). */
    static CtrlC cancelOnShutdown(Cancellation cancel) {
        return cancelOnShutdown(cancel, GRACE);
    }

    static CtrlC cancelOnShutdown(Cancellation cancel, Duration grace) {
        CtrlC c = new CtrlC(cancel, grace);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** What the hook does: cancel, then wait until the command closed this, at most the grace period. */
    void onShutdown() {
        cancel.cancel();
        try {
            finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command is done: a shutdown no longer waits, and the hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (or ran): it sees the countdown and returns
        }
    }
}
