package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.clanet.workbench.dataset.synthetic.BatchConditions;
import org.clanet.workbench.dataset.synthetic.CellLineProfile;
import org.clanet.workbench.dataset.synthetic.DatasetPlan;
import org.clanet.workbench.dataset.synthetic.GenerationResult;
import org.clanet.workbench.dataset.synthetic.SyntheticDatasetGenerator;
import org.clanet.workbench.dataset.synthetic.SyntheticNames;
import org.clanet.workbench.dataset.synthetic.SyntheticSettings;
import org.clanet.workbench.pipeline.Cancellation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clanet sample-data}: writes a synthetic, labelled brightfield time-lapse dataset. */
@Command(name = "sample-data", mixinStandardHelpOptions = true,
        description = {"Write a synthetic, labelled brightfield time-lapse dataset for trying things out.",
            "Phase-contrast-like images in the labelled layout "
                + "OUT/<LINE>/batch_<k>/VID<expt>_<well>_1_<DD>d<HH>h<MM>m.jpg.",
            "Each line differs in cell size, shape, clustering, texture and growth rate; each batch in illumination, "
                + "contrast, focus, noise, seeding density and imaging interval (2-6 h).",
            "Same options and seed give byte-identical files. The images are synthetic, not real cells."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every image written", ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE,
            "130:cancelled with Ctrl-C; the images written so far are kept"},
        sortOptions = false)
public final class SampleDataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = SyntheticSettings.DEFAULT_SEED;

    @Option(names = "--lines", paramLabel = "N",
            description = "Cell lines, 1..6, taken in order: SynRound, SynSpindle, SynColony, SynSpread, SynFibro, "
                    + "SynClump (default: ${DEFAULT-VALUE}).")
    int lines = SyntheticSettings.DEFAULT_LINES;

    @Option(names = "--batches", paramLabel = "N", description = "Batches per line (default: ${DEFAULT-VALUE}).")
    int batches = SyntheticSettings.DEFAULT_BATCHES;

    @Option(names = "--positions", paramLabel = "N", description = "Positions (wells) per batch (default: ${DEFAULT-VALUE}).")
    int positions = SyntheticSettings.DEFAULT_POSITIONS;

    @Option(names = "--timepoints", paramLabel = "N", description = "Images per position (default: ${DEFAULT-VALUE}).")
    int timepoints = SyntheticSettings.DEFAULT_TIMEPOINTS;

    @Option(names = "--width", paramLabel = "W", description = "Image width in pixels (default: ${DEFAULT-VALUE}).")
    int width = SyntheticSettings.DEFAULT_WIDTH;

    @Option(names = "--height", paramLabel = "H", description = "Image height in pixels (default: ${DEFAULT-VALUE}).")
    int height = SyntheticSettings.DEFAULT_HEIGHT;

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE}).")
    int quality = SyntheticSettings.DEFAULT_JPEG_QUALITY;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads; does not change the output (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--overwrite",
            description = "Replace the images of line folders that already exist in DIR (other files are kept).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SyntheticSettings settings;
        try {
            settings = new SyntheticSettings(seed, lines, batches, positions, timepoints, width, height, quality);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid option: " + optionise(e.getMessage()));
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid option: --threads must be at least 1, was "
                    + threads);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        SyntheticDatasetGenerator generator = new SyntheticDatasetGenerator(settings);
        for (CellLineProfile line : generator.plan().lines()) {
            Path dir = out.resolve(line.name());
            if (Files.exists(dir) && !overwrite) {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + " already exists; use --overwrite "
                        + "to replace its images, or choose another --out");
            }
        }
        Cancellation cancel = new Cancellation();
        // Ctrl-C cancels, and the JVM waits until the generator has stopped and said so.
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            ConsoleProgress progress = new ConsoleProgress(err, "sample-data");
            err.printf(Locale.ROOT, "Generating %s (%s x %s x %s x %s, %dx%d, seed %d) into %s with %s%n",
                    Plural.of(settings.imageCount(), "synthetic image"), Plural.of(lines, "line"),
                    Plural.of(batches, "batch"), Plural.of(positions, "position"), Plural.of(timepoints, "timepoint"),
                    width, height, seed, out, Plural.of(threads, "thread"));
            err.flush();
            GenerationResult result;
            try {
                result = generator.generate(out, overwrite, threads, progress, cancel);
                progress.finish();
            } catch (CancellationException e) {
                progress.finish();
                err.println("cancelled");
                err.flush();
                return ExitCodes.CANCELLED;
            }
            printSummary(err, result);
            err.flush();
            return ExitCodes.OK;
        }
    }

    private static void printSummary(PrintWriter err, GenerationResult r) {
        DatasetPlan plan = r.plan();
        err.printf(Locale.ROOT, "Wrote %s (%.1f MB) to %s in %.1f s%n", Plural.of(r.images(), "image"), r.bytes() / 1e6,
                r.root(), r.elapsed().toMillis() / 1000.0);
        for (int li = 0; li < plan.lines().size(); li++) {
            CellLineProfile line = plan.lines().get(li);
            err.printf(Locale.ROOT, "  %-11s %s%n", line.name(), line.description());
            for (BatchConditions b : plan.batches().get(li)) {
                err.printf(Locale.ROOT, "    batch_%d VID%d  first %s  every %dh%02dm  brightness %.0f  contrast %.2f"
                                + "  focus %.2f px  noise %.1f  seeding x%.2f%n", b.index(), b.experimentId(),
                        SyntheticNames.timeToken(b.firstMinutes()), b.intervalMinutes() / 60, b.intervalMinutes() % 60,
                        b.brightness(), b.contrast(), b.focusBlur(), b.noise(), b.seedingFactor());
            }
        }
        err.println("Manifest with every parameter and the true confluency per image: " + r.manifest());
    }

    /** "lines must be ..." -> "--lines must be ...". */
    private static String optionise(String message) {
        String[][] names = {{"lines", "--lines"}, {"batches", "--batches"}, {"positions", "--positions"},
            {"timepoints", "--timepoints"}, {"width", "--width"}, {"height", "--height"}, {"JPEG quality", "--quality"}};
        for (String[] n : names) {
            if (message.startsWith(n[0] + " ")) {
                return n[1] + message.substring(n[0].length());
            }
        }
        return message;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SampleDataCommand()).execute(args));
    }
}
