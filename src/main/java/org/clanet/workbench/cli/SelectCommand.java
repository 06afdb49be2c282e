package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.SkippedFile;
import org.clanet.workbench.imaging.ImageLimits;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.pipeline.Shard;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Cell masks and patch selection (CLANet stage 1) for every frame of a dataset.",
            "Takes the frames that `clanet scan DIR` lists, as the workbench does. Results go to the dataset's "
                + "workspace; frames already done with the same parameters are skipped, so a second run resumes.",
            "--export writes OUT/masks/<relative path>.png (0/255) and OUT/patches.json "
                + "{\"<relative path>\": [[x, y, w, h, confluency], ...]} in rank order. Choose OUT outside a git "
                + "clone (e.g. /tmp/clanet-out), or it shows up as untracked files.",
            "Parameters (--param name=value, see --list-params) default to the published values.",
            "Frames larger than the pixel limit are refused from their header, before decoding (see --max-pixels)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every frame selected or already up to date", ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE,
            ExitCodes.SOME_FAILED_LINE, ExitCodes.CANCELLED_LINE})
public final class SelectCommand implements Callable<Integer> {

    private static final int SKIPPED_SHOWN = 5;
    private static final int NOTES_SHOWN = 20;

    @Parameters(paramLabel = "DIR", arity = "1", description = "Dataset folder (DIR/LINE/batch/images, or flat).")
    Path dir;

    @Option(names = "--workspace", paramLabel = "W",
            description = "Workspace folder (default: DIR/.clanet, or a per-user folder when DIR is read-only).")
    Path workspace;

    @Option(names = "--no-workspace", description = "Do not store results (then --export is the only output).")
    boolean noWorkspace;

    @Option(names = "--export", paramLabel = "OUT", description = "Also export masks and patches.json to OUT.")
    Path export;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: number of cores).")
    Integer threads;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Override a selection parameter.")
    List<String> params = new ArrayList<>();

    @Option(names = "--preset", defaultValue = "AUTO",
            description = "AUTO (by image size), INCUCYTE_1408x1040 or GENERIC (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1", converter = ShardConverter.class,
            description = "Process only part I of N of the frames (for many machines; merge the workspaces with"
                    + " `clanet workspace merge`). Default: all.")
    Shard shard;

    // help = true: like --help, it needs no DIR (so DIR can be required everywhere else)
    @SuppressWarnings("deprecation")
    @Option(names = "--list-params", help = true, description = "List the parameters with their values and exit.")
    boolean listParams;

    @Option(names = "--max-pixels", paramLabel = "PIXELS",
            description = "Largest frame to select, e.g. 40M or 8000x6000; bigger frames fail with their size "
                    + "(default: from the max heap set with -Xmx, or the system property clanet.maxImagePixels).")
    String maxPixels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SelectionParameters p = SelectionParameters.defaults();
        for (String a : params) {
            try {
                p = p.withAssignment(a);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--param " + a + ": " + e.getMessage());
            }
        }
        if (listParams) {
            for (SelectionParameters.Spec s : SelectionParameters.specs()) {
                out.printf(Locale.ROOT, "%-18s %-8s %s%n", s.name(), p.get(s.name()), s.description());
            }
            out.flush();
            return 0;
        }
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        if (noWorkspace && export == null) {
            throw new ParameterException(spec.commandLine(), "--no-workspace needs --export, else nothing is kept");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        String limit = null;
        if (maxPixels != null) {
            try {
                limit = Long.toString(ImageLimits.parse(maxPixels));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--max-pixels: " + e.getMessage());
            }
        }
        if (export != null) {
            // before any work: a run that selects for an hour must not fail at the end on its output folder
            WritableFolder.check(export).ifPresent(problem -> {
                throw new IllegalStateException("cannot write to " + export + ": " + problem);
            });
        }
        SelectionParameters params = p;
        Cancellation cancel = new Cancellation();
        // The loader reads the limit from this property; set only for this run (the CLI runs in its own JVM, the
        // tests in-process).
        String before = System.getProperty(ImageLimits.PROPERTY);
        if (limit != null) {
            System.setProperty(ImageLimits.PROPERTY, limit);
        }
        // Ctrl-C cancels, and the JVM waits until the run below has stored what it finished and said so.
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            return select(out, params, n, cancel);
        } finally {
            if (limit != null) {
                if (before == null) {
                    System.clearProperty(ImageLimits.PROPERTY);
                } else {
                    System.setProperty(ImageLimits.PROPERTY, before);
                }
            }
        }
    }

    private int select(PrintWriter out, SelectionParameters params, int requestedThreads, Cancellation cancel)
            throws IOException {
        int n = requestedThreads;
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "select");
        SelectionStage.Summary s;
        Path[] root = {null}; // the dataset root, known once scanned
        long t0 = System.nanoTime();
        try {
            // The frames are what the scan finds, as in the workbench; an export or workspace folder inside DIR
            // is left out (its masks are named like frames).
            List<Path> outputs = new ArrayList<>();
            if (export != null) {
                outputs.add(export);
            }
            if (workspace != null) {
                outputs.add(workspace);
            }
            ConsoleProgress scanProgress = new ConsoleProgress(spec.commandLine().getErr(), "scan");
            Dataset dataset = DatasetScanner.scan(dir, scanProgress, cancel, outputs);
            scanProgress.finish();
            printSkipped(out, dataset);
            root[0] = dataset.root();
            n = threadsThatFit(out, dataset, n);
            SelectionStage stage = new SelectionStage(params, preset, n);
            try (Workspace ws = noWorkspace ? null : Workspace.open(root[0], workspace)) {
                s = stage.run(root[0], SelectionStage.itemsOf(dataset), ws, export, shard, progress, cancel);
                if (ws != null) {
                    out.printf("workspace %s%n", ws.location());
                }
            }
        } catch (CancellationException e) {
            progress.finish();
            out.println("cancelled; finished frames are stored, run again to resume");
            out.flush();
            return ExitCodes.CANCELLED;
        }
        progress.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %d processed, %d up to date, %d failed, %d with notes (%.1f s, %s)%n",
                Plural.of(s.total(), "image"), s.processed(), s.fresh(), s.failed(), s.withNotes(), secs,
                Plural.of(n, "thread"));
        if (s.outsideShard() > 0) {
            out.printf("shard %s: %d frames left to the other shards%n", shard, s.outsideShard());
        }
        // failures first: twenty "few patches" notes must not hide why a frame failed
        java.util.Comparator<SelectionStage.ItemResult> failedFirst = java.util.Comparator.comparing(
                i -> i.status() != SelectionStage.Status.FAILED);
        s.items().stream().filter(i -> i.note().isPresent()).sorted(failedFirst).limit(NOTES_SHOWN)
                .forEach(i -> out.printf("  %s: %s%s%n", i.relPath(),
                        i.status() == SelectionStage.Status.FAILED ? "failed: " : "",
                        withoutPath(i.note().get(), root[0] == null ? null : root[0].resolve(i.relPath()))));
        if (s.withNotes() > NOTES_SHOWN) {
            out.printf("  … %d more notes%s%n", s.withNotes() - NOTES_SHOWN,
                    export != null ? " (see notes.json)" : "");
        }
        s.patchesJson().ifPresent(j -> out.printf("exported %s and %s%n", j, j.resolveSibling("masks")));
        if (s.failed() > 0) {
            out.printf("%s failed (exit status %d); the others are stored%n", Plural.of(s.failed(), "frame"),
                    ExitCodes.SOME_FAILED);
        }
        out.flush();
        return s.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    /**
     * The memory budget: each worker holds a frame at about {@link ImageLimits#SELECTION_BYTES_PER_PIXEL} bytes per
     * pixel at peak, so as many workers run as frames of the largest accepted size fit in the heap (the per-frame
     * limit alone would let 16 threads of 6 MP frames exhaust a 1 GB heap).
     */
    private static int threadsThatFit(PrintWriter out, Dataset dataset, int threads) {
        long limit = ImageLimits.maxSelectionPixels();
        long largest = dataset.frames().mapToLong(f -> (long) f.header().width() * f.header().height())
                .filter(px -> px <= limit).max().orElse(0);
        if (largest == 0) {
            return threads;
        }
        long perFrame = largest * ImageLimits.SELECTION_BYTES_PER_PIXEL;
        long heap = Runtime.getRuntime().maxMemory();
        int fit = (int) Math.max(1, Math.min(Integer.MAX_VALUE, heap / perFrame));
        if (fit >= threads) {
            return threads;
        }
        out.printf(Locale.ROOT, "using %s instead of %d: frames of %.1f MP need about %d MB each (max heap %d MB)%n",
                Plural.of(fit, "thread"), threads, largest / 1e6, perFrame >> 20, heap >> 20);
        return fit;
    }

    /** A reason without the file's path in front (the line already names the frame). */
    static String withoutPath(String note, Path file) {
        String prefix = file == null ? null : file + ": ";
        return prefix != null && note.startsWith(prefix) ? note.substring(prefix.length()) : note;
    }

    /** How many files the scan did not take, and why (the first few; {@code clanet scan DIR} lists all). */
    private static void printSkipped(PrintWriter out, Dataset dataset) {
        List<SkippedFile> skipped = dataset.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        out.printf("%s skipped by the scan (not frames):%n", Plural.of(skipped.size(), "file"));
        skipped.stream().limit(SKIPPED_SHOWN).forEach(k -> out.printf("  %s: %s%n", k.relativePath(), k.reason()));
        if (skipped.size() > SKIPPED_SHOWN) {
            out.printf("  … and %d more (clanet scan DIR lists all)%n", skipped.size() - SKIPPED_SHOWN);
        }
    }
}
