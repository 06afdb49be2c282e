package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.sampling.SegmentSampler;
import org.clanet.workbench.mil.sampling.Snippet;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "snippets", mixinStandardHelpOptions = true,
        description = {"Show the snippets that time-series segment sampling draws for each sequence, per training "
            + "epoch: the segment length g in hours, the frames taken (0-based indices in time order) and the "
            + "sample weight.",
            "It needs only the scan (frame times). A training run with the same seed draws the same snippets "
            + "from the same frames. The first --warmup epochs take whole sequences."})
public final class SnippetsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Dataset folder.")
    Path dir;

    @Option(names = "--sequence", paramLabel = "NAME",
            description = "Only sequences whose id (line/batch/key), key or well is NAME.")
    String sequence;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs to draw (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", defaultValue = "" + SegmentSampler.DEFAULT_WARMUP_EPOCHS,
            description = "Whole-sequence warm-up epochs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print JSON: [{sequence, times_h, samples: [{epoch, g, frames, weight}]}].")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
        }
        Cancellation cancel = new Cancellation();
        Dataset dataset;
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "scan");
            try {
                dataset = DatasetScanner.scan(dir, progress, cancel);
                progress.finish();
            } catch (CancellationException e) {
                progress.finish();
                spec.commandLine().getErr().println("cancelled");
                return 130;
            }
        }
        List<Sequence> chosen = dataset.sequences().filter(s -> sequence == null || sequence.equals(s.id())
                || sequence.equals(s.key()) || sequence.equals(s.displayName())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(sequence == null ? "no sequences in " + dir
                    : "no sequence named '" + sequence + "' in " + dir + " (give its id line/batch/key, key or well)");
        }
        SegmentSampler sampler = new SegmentSampler(warmup);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Sequence s : chosen) {
            int[] hours = s.frames().stream().map(Frame::time).mapToInt(t -> t.samplingHours()).toArray();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sequence", s.id());
            entry.put("times_h", hours);
            List<Map<String, Object>> samples = new ArrayList<>();
            if (hours.length >= 2) {
                SegmentSampler.Plan plan = sampler.plan(hours, epochs, SegmentSampler.seedFor(seed, s.id()));
                entry.put("expected_interval_h", plan.expected());
                for (int e = 0; e < epochs; e++) {
                    Snippet sn = plan.snippet(e);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("epoch", sn.epoch());
                    m.put("g", sn.g());
                    m.put("frames", sn.frames());
                    m.put("weight", sn.weight());
                    samples.add(m);
                }
            } else {
                entry.put("note", "fewer than 2 frames: nothing to sample (training leaves out sequences with < 3)");
            }
            entry.put("samples", samples);
            out.add(entry);
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            pw.println(Json.PRETTY.writeValueAsString(out));
        } else {
            for (Map<String, Object> e : out) {
                pw.printf("%s  times (h): %s%n", e.get("sequence"), java.util.Arrays.toString((int[]) e.get("times_h")));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> samples = (List<Map<String, Object>>) e.get("samples");
                for (Map<String, Object> m : samples) {
                    pw.printf(java.util.Locale.ROOT, "  epoch %4d  g=%d  weight %.3f  frames %s%n", m.get("epoch"),
                            m.get("g"), (Double) m.get("weight"), java.util.Arrays.toString((int[]) m.get("frames")));
                }
                if (e.containsKey("note")) {
                    pw.println("  " + e.get("note"));
                }
            }
        }
        pw.flush();
        return 0;
    }
}
