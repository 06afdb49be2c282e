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
        description = {"Cell masks and cell-cluster patch selection (CLANet stage 1) for every frame of DIR",
            "(the frames `clanet scan DIR` lists, as in the workbench).",
            "Results go to the dataset's workspace; frames already done with the same parameters are skipped.",
            "--export writes OUT/masks/<relative path>.png (0/255) and OUT/patches.json",
            "{\"<relative path>\": [[x, y, w, h, confluency], ...]} in rank order.",
            "Parameters (--param name=value, see --list-params) default to the published values."})
public final class SelectCommand implements Callable<Integer> {

    private static final int SKIPPED_SHOWN = 5;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Dataset folder (DIR/LINE/batch/images, or flat).")
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

    @Option(names = "--list-params", description = "List the parameters with their values and exit.")
    boolean listParams;

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
        if (dir == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'DIR'");
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
        SelectionStage stage = new SelectionStage(p, preset, n);
        Cancellation cancel = new Cancellation();
        // Ctrl-C cancels, and the JVM waits until the run below has stored what it finished and said so.
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            return select(out, stage, n, cancel);
        }
    }

    private int select(PrintWriter out, SelectionStage stage, int n, Cancellation cancel) throws IOException {
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "select");
        SelectionStage.Summary s;
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
            Path root = dataset.root();
            try (Workspace ws = noWorkspace ? null : Workspace.open(root, workspace)) {
                s = stage.run(root, SelectionStage.itemsOf(dataset), ws, export, shard, progress, cancel);
                if (ws != null) {
                    out.printf("workspace %s%n", ws.location());
                }
            }
        } catch (CancellationException e) {
            progress.finish();
            out.println("cancelled; finished frames are stored, run again to resume");
            out.flush();
            return 130;
        }
        progress.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%d images: %d processed, %d up to date, %d failed, %d with notes (%.1f s, %d threads)%n",
                s.total(), s.processed(), s.fresh(), s.failed(), s.withNotes(), secs, n);
        if (s.outsideShard() > 0) {
            out.printf("shard %s: %d frames left to the other shards%n", shard, s.outsideShard());
        }
        s.items().stream().filter(i -> i.note().isPresent()).limit(20)
                .forEach(i -> out.printf("  %s: %s%n", i.relPath(), i.note().get()));
        if (s.withNotes() > 20) {
            out.printf("  … %d more notes%s%n", s.withNotes() - 20, export != null ? " (see notes.json)" : "");
        }
        s.patchesJson().ifPresent(j -> out.printf("exported %s and %s%n", j, j.resolveSibling("masks")));
        out.flush();
        return s.failed() > 0 && s.processed() + s.fresh() == 0 ? 1 : 0;
    }

    /** How many files the scan did not take, and why (the first few; {@code clanet scan DIR} lists all). */
    private static void printSkipped(PrintWriter out, Dataset dataset) {
        List<SkippedFile> skipped = dataset.skipped();
        if (skipped.isEmpty()) {
            return;
        }
        out.printf("%d files skipped by the scan (not frames):%n", skipped.size());
        skipped.stream().limit(SKIPPED_SHOWN).forEach(k -> out.printf("  %s: %s%n", k.relativePath(), k.reason()));
        if (skipped.size() > SKIPPED_SHOWN) {
            out.printf("  … and %d more (clanet scan DIR lists all)%n", skipped.size() - SKIPPED_SHOWN);
        }
    }
}
