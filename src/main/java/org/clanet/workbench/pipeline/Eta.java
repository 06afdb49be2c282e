package org.clanet.workbench.pipeline;

import java.time.Duration;

/**
 * Estimates the time left from the rate so far; smoothed so the figure does not jump with every item.
 * Not thread-safe: one per stage, fed from one place.
 */
public final class Eta {

    private final long createdNanos;
    private long startNanos;
    private double smoothedRate = -1; // units per second
    private long lastDone;
    private long lastNanos;
    private long lastTotal = Long.MIN_VALUE;

    public Eta() {
        this(System.nanoTime());
    }

    Eta(long startNanos) {
        this.createdNanos = startNanos;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** Remaining time, or null while there is nothing to estimate from. */
    public Duration update(long done, long total) {
        return update(done, total, System.nanoTime());
    }

    Duration update(long done, long total, long nowNanos) {
        if (lastTotal != Long.MIN_VALUE && (total != lastTotal || done < lastDone)) {
            // A new phase (the next stage of "run what is missing", epochs after frames): its own rate.
            startNanos = nowNanos;
            lastNanos = nowNanos;
            lastDone = 0;
            smoothedRate = -1;
        }
        lastTotal = total;
        if (total <= 0 || done <= 0 || nowNanos <= startNanos) {
            return null;
        }
        double dt = (nowNanos - lastNanos) / 1e9;
        if (done > lastDone && dt > 0) {
            double rate = (done - lastDone) / dt;
            double overall = done / ((nowNanos - startNanos) / 1e9);
            // Blend the recent rate with the overall one: stable early, responsive later.
            smoothedRate = smoothedRate < 0 ? overall : 0.7 * smoothedRate + 0.3 * (0.5 * rate + 0.5 * overall);
            lastDone = done;
            lastNanos = nowNanos;
        }
        if (smoothedRate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, total - done) / smoothedRate * 1000));
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
    }

    /** "1h 02m", "3m 05s", "12s". */
    public static String format(Duration d) {
        if (d == null) {
            return "--";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
