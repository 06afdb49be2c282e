package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.heatmap.HeatmapStyle;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.flow.AttentionMaps;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Prediction;
import org.clanet.workbench.pipeline.flow.SequencePrediction;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet predict DIR}: which cell line each sequence (flask position) is, and why. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Identify the cell line of every sequence in DIR (a dataset, or one flask's folder of images).",
            "Masks, patches and embeddings are computed where missing, then the MIL model gives the top lines "
                + "with probabilities per sequence and per batch, the open-set verdict (\"unknown line\" when it "
                + "looks like none of the model's lines) and QC warnings (imaging interval, frames, time span "
                + "outside what the model saw). --json also lists every instance of each bag (frame, patch rank, "
                + "attention).",
            "A published model: --model FILE.npz --classes CLASSES.txt (one line name per line, label = line "
                + "number)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every sequence predicted", "1:no model or encoder, or they do not fit; the message says why", ExitCodes.USAGE_LINE, "3:some sequences could not be predicted (listed with reasons)", ExitCodes.CANCELLED_LINE})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR|SEQUENCE-FOLDER", description = "Images to identify.")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--model", paramLabel = "RUN|FILE.npz", description = "Model id, or a published .npz to import"
            + " (default: the newest trained model).")
    String model;

    @Option(names = "--classes", paramLabel = "CLASSES.txt", description = "Class names of an imported model.")
    Path classes;

    @Option(names = "--encoder", paramLabel = "ID|FILE", description = "Encoder for an imported model (a trained"
            + " model uses its own).")
    String encoder;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--heatmaps", paramLabel = "OUT", description = "Write attention heatmap PNGs (one per frame,"
            + " with legend), the frame strip and the attention CSV per sequence into OUT.")
    Path heatmaps;

    @Option(names = "--json", description = "Print the predictions as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        if (classes != null && !Files.isRegularFile(classes)) {
            throw new ParameterException(spec.commandLine(), "--classes: not a file: " + classes);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancel = new Cancellation();
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            List<Path> outputs = new ArrayList<>();
            if (workspaceOption.path != null) {
                outputs.add(workspaceOption.path);
            }
            if (heatmaps != null) {
                outputs.add(heatmaps);
            }
            ConsoleProgress scanProgress = new ConsoleProgress(err, "scan");
            Dataset dataset = org.clanet.workbench.dataset.DatasetScanner.scan(dir, scanProgress, cancel, outputs);
            scanProgress.finish();
            List<Sequence> sequences = dataset.sequences().toList();
            if (sequences.isEmpty()) {
                err.println("error: no sequences in " + dir + " (clanet scan DIR says what it found)");
                err.flush();
                return ExitCodes.ERROR;
            }
            try (Workspace ws = Workspace.open(dataset.root(), workspaceOption.path)) {
                ModelRecord m;
                EncoderRecord e;
                try {
                    m = ModelChoice.resolve(ws, model, classes);
                    e = ModelChoice.encoderFor(ws, m, encoder);
                } catch (IOException ex) {
                    err.println("error: " + ex.getMessage());
                    err.flush();
                    return ExitCodes.ERROR;
                }
                try (PatchEncoder enc = PatchEncoders.open(e.file(), OptionalInt.empty(), deviceOption.name)) {
                    ConsoleProgress progress = new ConsoleProgress(err, "predict");
                    Prediction.Result r;
                    try {
                        r = Prediction.predict(Pipeline.of(dataset, ws, Runtime.getRuntime().availableProcessors()),
                                m, e, enc, sequences, progress, cancel);
                    } catch (IllegalArgumentException ex) {
                        progress.finish();
                        err.println("error: " + ex.getMessage());
                        err.flush();
                        return ExitCodes.ERROR;
                    }
                    progress.finish();
                    if (heatmaps != null) {
                        int files = 0;
                        for (SequencePrediction p : r.sequences()) {
                            files += AttentionMaps.export(ws, dataset, p, heatmaps, HeatmapStyle.DEFAULT, cancel)
                                    .size();
                        }
                        err.printf("wrote %d heatmap files to %s%n", files, heatmaps);
                    }
                    if (json) {
                        out.println(Json.PRETTY.writeValueAsString(document(r)));
                    } else {
                        print(out, m, enc, r);
                    }
                    out.flush();
                    err.flush();
                    return r.summary().complete() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
                }
            } catch (CancellationException ex) {
                out.println("cancelled; finished work is stored, run again to resume");
                out.flush();
                return ExitCodes.CANCELLED;
            }
        }
    }

    /** The {@code --json} document: sequences (with instances) and batches. */
    static Map<String, Object> document(Prediction.Result r) {
        List<Map<String, Object>> seqs = new ArrayList<>();
        for (SequencePrediction p : r.sequences()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("sequence", p.sequence());
            s.put("batch", p.batch());
            s.put("line", p.trueLine());
            s.put("top", p.top());
            s.put("probabilities", p.probabilities());
            s.put("unknown", p.unknown());
            s.put("unknownReason", p.unknownReason());
            s.put("warnings", p.warnings());
            s.put("instances", p.instances());
            seqs.add(s);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sequences", seqs);
        doc.put("batches", r.batches());
        List<Map<String, String>> failed = new ArrayList<>();
        r.summary().items().stream().filter(i -> i.note().isPresent() && i.status().name().equals("FAILED"))
                .forEach(i -> failed.add(Map.of("sequence", i.itemKey().substring(i.itemKey().indexOf('/') + 1),
                        "reason", i.note().get())));
        doc.put("failed", failed);
        return doc;
    }

    private static void print(PrintWriter out, ModelRecord m, PatchEncoder enc, Prediction.Result r) {
        out.printf("model %s (%s, %d lines) · %s%n", m.id(), m.kind(), m.classes().size(), enc.description());
        for (SequencePrediction p : r.sequences()) {
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < Math.min(3, p.top().size()); i++) {
                top.append(String.format(Locale.ROOT, "%s%s %.3f", i == 0 ? "" : ", ", p.top().get(i).line(),
                        p.top().get(i).probability()));
            }
            String verdict = p.unknown() ? "UNKNOWN LINE (" + p.unknownReason() + "); nearest " : "";
            String truth = p.trueLine() == null ? "" : (p.correct() ? "  [right]" : "  [true: " + p.trueLine() + "]");
            out.printf("%s: %s%s%s%n", p.sequence(), verdict, top, truth);
            p.warnings().forEach(w -> out.println("    warning: " + w));
        }
        for (Prediction.BatchPrediction b : r.batches()) {
            out.printf(Locale.ROOT, "batch %s (%d sequences): %s %.3f%n", b.batch(), b.sequences(),
                    b.top().get(0).line(), b.top().get(0).probability());
        }
        r.summary().items().stream().filter(i -> i.status().name().equals("FAILED"))
                .forEach(i -> out.println("not predicted: " + i.note().orElse(i.itemKey())));
    }
}
