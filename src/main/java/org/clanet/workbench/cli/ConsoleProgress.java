package org.clanet.workbench.cli;

import java.io.PrintWriter;
import org.clanet.workbench.pipeline.Eta;
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
