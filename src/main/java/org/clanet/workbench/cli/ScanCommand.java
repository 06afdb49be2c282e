package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.DatasetSummary;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Summarise a dataset folder without decoding its images.",
            "Lists cell lines, batches, sequences (flask positions), frames, time spans and intervals, "
                + "image sizes, and every file that cannot be used with the reason (read from the file headers).",
            "Layout: DIR/LINE/batch_k/images, or a flat folder of images from one flask.",
            "Skipped files are part of the summary, not a failure: the exit status is 0 when the folder was "
                + "scanned."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:the folder was scanned (skipped files are listed, not failures)",
            "1:the folder cannot be read (the message says why)", ExitCodes.USAGE_LINE, ExitCodes.CANCELLED_LINE})
public final class ScanCommand implements Callable<Integer> {

    /** Terminal cells for the sequence name column. */
    static final int NAME_COLUMN = 28;

    @Parameters(paramLabel = "DIR", description = "Dataset folder.")
    Path dir;

    @Option(names = "--json", description = "Print a machine-readable summary instead of text.")
    boolean json;

    @Option(names = "--max-skipped", defaultValue = "50", paramLabel = "N",
            description = "How many skipped files the text summary lists (default: ${DEFAULT-VALUE}).")
    int maxSkipped;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "scan");
        Cancellation cancel = new Cancellation();
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            Dataset dataset;
            try {
                dataset = DatasetScanner.scan(dir, progress, cancel);
                progress.finish();
            } catch (CancellationException e) {
                progress.finish();
                spec.commandLine().getErr().println("cancelled");
                spec.commandLine().getErr().flush();
                return ExitCodes.CANCELLED;
            }
            DatasetSummary summary = DatasetSummary.of(dataset);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(summary));
            } else {
                printText(out, summary);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private void printText(PrintWriter out, DatasetSummary s) {
        out.printf("Dataset %s (%s)%n", s.root(), s.labelled() ? "labelled" : "flat, unlabelled");
        out.printf("  %s, %s, %s, %s, %d skipped%n", Plural.of(s.cellLines(), "cell line"),
                Plural.of(s.batches(), "batch"), Plural.of(s.sequences(), "sequence"), Plural.of(s.images(), "image"),
                s.skipped());
        out.printf("  image sizes: %s%n", s.imageSizes());
        out.println();
        String current = null;
        for (DatasetSummary.SequenceSummary q : s.sequenceDetail()) {
            String head = q.cellLine() + " / " + q.batch();
            if (!head.equals(current)) {
                out.println(head);
                current = head;
            }
            // padded by terminal cells, not chars: wide (CJK) names kept the columns out of line
            out.printf(Locale.ROOT, "  %s %3d %s  %s → %s  span %.1f h  interval %.2f h%n",
                    TextColumns.padRight(q.name(), NAME_COLUMN), q.frames(), q.frames() == 1 ? "frame " : "frames",
                    q.first(), q.last(), q.spanHours(), q.intervalHours());
        }
        if (s.skipped() > 0) {
            out.println();
            out.printf("Skipped %s:%n", Plural.of(s.skipped(), "file"));
            s.skippedFiles().stream().limit(maxSkipped)
                    .forEach(k -> out.printf("  %s: %s%n", k.path(), k.reason()));
            if (s.skipped() > maxSkipped) {
                out.printf("  … and %d more (use --json for all)%n", s.skipped() - maxSkipped);
            }
        }
    }
}
