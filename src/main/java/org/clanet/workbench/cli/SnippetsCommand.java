package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.sampling.SegmentSampler;
import org.clanet.workbench.mil.sampling.Snippet;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.selection.SelectionResults;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "snippets", mixinStandardHelpOptions = true,
        description = {"Show the snippets that time-series segment sampling draws for each sequence, per training "
            + "epoch: the segment length g in hours, the frames taken (0-based indices in time order) and the "
            + "sample weight.",
            "It needs only the scan (frame times). With a workspace (--workspace, or DIR/.clanet when it exists) "
            + "it leaves out the frames whose selection kept fewer than --patches patches, as training does. "
            + "Frames taken fewer than --settling-hours after seeding are left out as training does (a sequence "
            + "keeps at least its last 3 frames). "
            + "A training run with the same seed draws the same snippets from the same frames. The first "
            + "--warmup epochs take whole sequences."})
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

    @Option(names = "--workspace", paramLabel = "W",
            description = "Workspace folder with selection results (default: DIR/.clanet when it exists).")
    Path workspace;

    @Option(names = "--patches", defaultValue = "10",
            description = "Frames with fewer selected patches are left out (default: ${DEFAULT-VALUE}).")
    int patches;

    @Option(names = "--settling-hours", paramLabel = "H",
            description = "Frames taken fewer than H hours after seeding are left out, as the MIL's settlingHours "
                    + "does (default: ${DEFAULT-VALUE}; 0 = every frame, as published).")
    int settlingHours = MilParameters.DEFAULTS.settlingHours();

    @Option(names = "--min-frames", paramLabel = "N",
            description = "However early its frames, a sequence keeps its last N usable frames, as the MIL's "
                    + "minFrames does (default: ${DEFAULT-VALUE}).")
    int minFrames = MilParameters.DEFAULTS.minFrames();

    @Option(names = "--json", description = "Print JSON: [{sequence, times_h, samples: [{epoch, g, frames, weight}]}].")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
        }
        if (settlingHours < 0) {
            throw new IllegalArgumentException("--settling-hours must be >= 0, got " + settlingHours);
        }
        if (minFrames < 2) {
            throw new IllegalArgumentException("--min-frames must be >= 2 (segment sampling needs a gap), got "
                    + minFrames);
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
        Path root = dataset.root();
        try (Workspace ws = workspace != null || Workspace.worthOpening(root) ? Workspace.open(root, workspace) : null) {
            Set<String> done = ws == null ? Set.of() : SelectionResults.doneFrames(ws);
            for (Sequence s : chosen) {
                out.add(sequenceEntry(s, ws, done, sampler));
            }
        }
        print(out);
        return 0;
    }

    private Map<String, Object> sequenceEntry(Sequence s, Workspace ws, Set<String> done, SegmentSampler sampler) {
        List<Frame> kept = new ArrayList<>();
        List<Map<String, Object>> leftOut = new ArrayList<>();
        int unselected = 0;
        for (Frame f : s.frames()) {
            if (ws != null && done.contains(f.relativePath())) {
                int n = SelectionResults.stored(ws, f.relativePath()).patches().size();
                if (n < patches) {
                    leftOut.add(Map.of("frame", f.relativePath(), "patches", n));
                    continue;
                }
            } else if (ws != null) {
                unselected++;
            }
            kept.add(f);
        }
        int[] all = kept.stream().map(Frame::time).mapToInt(t -> t.samplingHours()).toArray();
        int first = Bags.firstSettled(all, settlingHours, minFrames);
        List<Frame> settling = List.copyOf(kept.subList(0, first));
        kept = kept.subList(first, kept.size());
        int[] hours = Arrays.copyOfRange(all, first, all.length);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sequence", s.id());
        entry.put("times_h", hours);
        entry.put("frame_paths", kept.stream().map(Frame::relativePath).toList());
        if (ws != null) {
            entry.put("frames_left_out", leftOut);
        }
        if (!settling.isEmpty()) {
            entry.put("frames_settling", settling.stream().map(Frame::relativePath).toList());
        }
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
            entry.put("note", "fewer than 2 usable frames: nothing to sample (training leaves out sequences with"
                    + " < 3)");
        }
        if (unselected > 0) {
            entry.put("unselected_frames", unselected);
        }
        entry.put("samples", samples);
        return entry;
    }

    private void print(List<Map<String, Object>> out) throws java.io.IOException {
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
                if (e.get("frames_left_out") instanceof List<?> l && !l.isEmpty()) {
                    pw.printf("  %d frame(s) left out with < %d patches%n", l.size(), patches);
                }
            }
        }
        pw.flush();
    }
}
