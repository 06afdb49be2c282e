package org.clanet.workbench.cli;

import java.io.PrintWriter;
import org.clanet.workbench.pipeline.Eta;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;

/**
 * Prints progress with percentage and ETA to stderr, at most a few times a second. On a terminal the line is
 * rewritten in place; in a log or CI a new line is printed every few seconds.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintWriter out;
    private final String label;
    private final boolean interactive;
    private final Eta eta = new Eta();
    private long lastPrint;
    private boolean printedInline;

    /** Progress on a command's error stream (picocli's {@code getErr()}). */
    public ConsoleProgress(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    ConsoleProgress(PrintWriter out, String label, boolean interactive) {
        this.out = out;
        this.label = label;
        this.interactive = interactive;
    }

    @Override
    public synchronized void update(long done, long total, String message) {
        long now = System.nanoTime();
        long interval = interactive ? 200_000_000L : 3_000_000_000L;
        boolean finished = total > 0 && done >= total;
        String eta = Eta.format(this.eta.update(done, total));
        if (!finished && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        String line = total > 0
                ? String.format("%s [%d/%d] %3d%% ETA %s  %s", label, done, total, done * 100 / total, eta, shorten(message))
                : String.format("%s %s", label, shorten(message));
        if (interactive) {
            out.print("\r" + line + "\033[K");
            printedInline = true;
            if (finished) {
                out.println();
                printedInline = false;
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Typed events get a line of their own: per-epoch scalars ("epoch 3  loss 0.412  lr 5.0e-05"), finished
     * metrics, notes. Per-step scalars (series "step") only feed the progress line, which they would flood.
     */
    @Override
    public synchronized void event(ProgressEvent event) {
        String line = null;
        if (event instanceof ProgressEvent.Note n) {
            line = n.text();
        } else if (event instanceof ProgressEvent.Metrics m) {
            line = m.name() + ":" + values(m.values());
        } else if (event instanceof ProgressEvent.Scalars sc && !"step".equals(sc.series())) {
            line = String.format(java.util.Locale.ROOT, "%s %s%s", sc.series(), trim(sc.x()), values(sc.values()));
        }
        if (line == null) {
            return;
        }
        finish();
        out.println(label + ": " + line);
        out.flush();
    }

    private static String values(java.util.Map<String, Double> v) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(v).forEach((k, x) -> b.append("  ").append(k).append(' ').append(format(x)));
        return b.toString();
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.format(java.util.Locale.ROOT, "%.2f", x);
    }

    static String format(double x) {
        double a = Math.abs(x);
        if (x == 0 || (a >= 1e-3 && a < 1e5)) {
            return String.format(java.util.Locale.ROOT, "%.4f", x);
        }
        return String.format(java.util.Locale.ROOT, "%.2e", x);
    }

    /** Ends an in-place line so the next output starts on its own line. */
    public synchronized void finish() {
        if (printedInline) {
            out.println();
            out.flush();
            printedInline = false;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 60 ? "…" + s.substring(s.length() - 59) : s;
    }
}
