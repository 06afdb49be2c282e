package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.MilParameters;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.flow.Training;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet train DIR}: the gated-attention MIL model with segment sampling (CLANet stage 3). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the MIL cell-line classifier (gated attention, time-series segment sampling) on a labelled "
            + "dataset.",
            "Masks, patches and embeddings are computed first where missing. Validation every N epochs on "
                + "sequences held out from the TRAINING batches (never the test batches); the best model by "
                + "validation loss and the last are kept. The same command after a cancel or a crash resumes the run.",
            "Parameters (--param name=value): epochs, batchSize, learningRate, momentum, weightDecay, "
                + "attentionDim, patchesPerFrame, minFrames, warmupEpochs, validateEvery, checkpointEvery, "
                + "validationFraction, seed, instanceLossWeight (default 100; 0 = published), standardiseFeatures "
                + "(1; 0 = published), settlingHours (24: frames taken earlier after seeding are left out of every "
                + "bag, a sequence keeps at least its last minFrames; 0 = published): the changes beyond the "
                + "published MIL, see docs/MIL.md."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:trained", "1:refused (e.g. a line with one batch cannot be batch-separated); the message says why", ExitCodes.USAGE_LINE, "130:cancelled; the same command resumes"})
public final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Labelled dataset folder (DIR/LINE/batch/images).")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--encoder", paramLabel = "ID|FILE", description = "Encoder: id, file, or `texture` (the built-in"
            + " texture statistics; the best on a CPU, docs/EMBEDDING.md). Default: the newest pretrained, else the newest"
            + " import, else texture.")
    String encoder;

    @Option(names = "--split", defaultValue = "batch-separated", paramLabel = "KIND|CLASSES.txt,randomK.txt",
            description = "batch-separated (default), batch-stratified, or the published split files.")
    String split;

    @Option(names = "--seed", description = "Seed for initialisation, sampling and the split (default 0).")
    Long seed;

    @Option(names = "--epochs", description = "Epochs (default: the published 2000).")
    Integer epochs;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Override a MIL parameter.")
    List<String> params = new ArrayList<>();

    @Mixin
    DeviceOption deviceOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        MilParameters p = MilParameters.DEFAULTS;
        try {
            for (String a : params) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected NAME=VALUE");
                }
                p = p.with(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
            if (epochs != null) {
                p = p.with("epochs", String.valueOf(epochs));
            }
            if (seed != null) {
                p = p.with("seed", String.valueOf(seed));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--param: " + e.getMessage());
        }
        Training.SplitSpec splitSpec = splitSpec(split);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancel = new Cancellation();
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            Dataset dataset = DatasetOpen.scan(dir, workspaceOption.path, err, cancel);
            try (Workspace ws = Workspace.open(dataset.root(), workspaceOption.path)) {
                EncoderRecord record = EncoderChoice.resolve(ws, encoder, OptionalInt.empty());
                try (PatchEncoder model = PatchEncoders.open(record.file(), OptionalInt.empty(), deviceOption.name)) {
                    out.printf("encoder %s: %s%n", record.id(), model.description());
                    out.flush();
                    ConsoleProgress progress = new ConsoleProgress(err, "train");
                    long t0 = System.nanoTime();
                    Training.Outcome o = Training.train(Pipeline.of(dataset, ws, Runtime.getRuntime()
                            .availableProcessors()), record, model, splitSpec, p, progress, cancel);
                    progress.finish();
                    out.printf(Locale.ROOT, "model %s: %d epochs in %.1f s, best epoch %d (validation loss %.4f)%n",
                            o.model().id(), o.result().epochsDone(), (System.nanoTime() - t0) / 1e9,
                            o.result().bestEpoch(), o.result().bestValidationLoss());
                    out.printf("classes %s; %d train / %d validation / %d test sequences%n", o.split().classes(),
                            o.split().train().size(), o.split().validation().size(), o.split().test().size());
                    out.printf("evaluate with: clanet evaluate %s --model %s%n", dir, o.model().id());
                    out.flush();
                    return ExitCodes.OK;
                }
            } catch (CancellationException e) {
                out.println("cancelled: " + e.getMessage() + " (the same command resumes)");
                out.flush();
                return ExitCodes.CANCELLED;
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return ExitCodes.ERROR;
            }
        }
    }

    private Training.SplitSpec splitSpec(String s) {
        if (s.contains(",")) {
            String[] parts = s.split(",", 2);
            Path classes = Path.of(parts[0].trim());
            Path random = Path.of(parts[1].trim());
            if (!Files.isRegularFile(classes) || !Files.isRegularFile(random)) {
                throw new ParameterException(spec.commandLine(), "--split: " + classes + " and " + random
                        + " must both be files (the class-index file and randomK.txt)");
            }
            return Training.SplitSpec.published(classes, random);
        }
        if (!s.equals("batch-separated") && !s.equals("batch-stratified")) {
            throw new ParameterException(spec.commandLine(), "--split must be batch-separated, batch-stratified or"
                    + " CLASSES.txt,randomK.txt, got '" + s + "'");
        }
        return Training.SplitSpec.of(s);
    }
}
