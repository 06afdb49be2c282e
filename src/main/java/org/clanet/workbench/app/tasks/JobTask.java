package org.clanet.workbench.app.tasks;

import org.clanet.workbench.pipeline.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Eta;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;

/**
 * A {@link Job} as a {@link javafx.concurrent.Task}: progress, message and ETA ({@link Eta}) flow into the
 * task's properties (coalesced onto the FX thread by {@code Task}); {@link #cancel()} sets the job's
 * {@link Cancellation} so the core stops between work units.
 */
public final class JobTask<T> extends Task<T> {

    private final Job<T> job;
    private final Cancellation cancellation = new Cancellation();
    private final ReadOnlyStringWrapper failureReason = new ReadOnlyStringWrapper(this, "failureReason", "");
    private final Instant created = Instant.now();
    private volatile Eta eta;
    private volatile String etaText = "";
    private volatile java.util.function.Consumer<ProgressEvent> events;

    JobTask(String title, Job<T> job) {
        this.job = job;
        updateTitle(title);
        updateMessage("Waiting");
        exceptionProperty().addListener((o, a, e) -> failureReason.set(e == null ? "" : reason(e)));
    }

    /**
     * Receives the job's typed progress (epochs, losses, metrics) on the worker thread: a view model coalesces them
     * onto the FX thread (a training reports per step).
     */
    public void setEventSink(java.util.function.Consumer<ProgressEvent> sink) {
        this.events = sink;
    }

    @Override
    protected T call() throws Exception {
        eta = new Eta();
        updateMessage("Starting");
        // Cores report from many threads at once (the scanner from a parallel stream): Eta is not thread-safe, and
        // reports arrive out of order, so updates are serialised and a count lower than one already shown is
        // dropped (the bar never runs backwards and ends on the highest count).
        Object lock = new Object();
        long[] shown = {-1, 0}; // highest done shown, and its total
        ProgressListener counts = (done, total, message) -> {
            synchronized (lock) {
                if (total > 0) {
                    if (total == shown[1] && done < shown[0]) {
                        return;
                    }
                    shown[0] = done;
                    shown[1] = total;
                    Duration left = eta.update(done, total);
                    etaText = left == null ? "" : Eta.format(left) + " left";
                    updateProgress(done, total);
                } else {
                    shown[0] = -1;
                    shown[1] = 0;
                    updateProgress(-1, 1);
                }
                updateMessage(describe(done, total, message));
            }
        };
        ProgressListener listener = new ProgressListener() {
            @Override
            public void update(long done, long total, String message) {
                counts.update(done, total, message);
            }

            @Override
            public void event(ProgressEvent event) {
                java.util.function.Consumer<ProgressEvent> sink = events;
                if (sink != null) {
                    sink.accept(event);
                }
            }
        };
        try {
            T result = job.run(listener, cancellation);
            cancellation.throwIfCancelled();
            etaText = "";
            updateMessage("Done in " + Eta.format(eta.elapsed()));
            updateProgress(1, 1);
            return result;
        } catch (CancellationException e) {
            if (!isCancelled()) {
                // cancelled through the token from elsewhere: make the FX state say so. Now, before the exception
                // completes the future (a later cancel would find it done and the task would end FAILED).
                super.cancel(false);
            }
            throw e;
        }
    }

    private String describe(long done, long total, String message) {
        StringBuilder sb = new StringBuilder(message == null ? "" : message);
        if (total > 0) {
            sb.append(sb.length() > 0 ? " · " : "").append(String.format("%,d / %,d", done, total));
        }
        if (!etaText.isEmpty()) {
            sb.append(" · ").append(etaText);
        }
        return sb.toString();
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // the task is cancelled first, then the token: the core stopping on the token must find the future
        // cancelled already, else its CancellationException would complete it as FAILED
        boolean cancelled = super.cancel(false); // cooperative: the core polls its Cancellation
        cancellation.cancel();
        return cancelled;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** Time left as estimated from the rate so far, e.g. "12s left"; empty while unknown. */
    public String etaText() {
        return etaText;
    }

    public Instant created() {
        return created;
    }

    /** Why the job failed, in words (the exception's message); empty unless failed. */
    public ReadOnlyStringProperty failureReasonProperty() {
        return failureReason.getReadOnlyProperty();
    }

    public String getFailureReason() {
        return failureReason.get();
    }

    public boolean isFinished() {
        return switch (getState()) {
            case SUCCEEDED, FAILED, CANCELLED -> true;
            default -> false;
        };
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
