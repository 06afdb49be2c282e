package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.io.FeatureExport;
import org.clanet.workbench.embedding.store.EmbeddingResults;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Shard;
import org.clanet.workbench.pipeline.flow.Pipeline;
import org.clanet.workbench.pipeline.stage.RunSummary;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet embed DIR}: patch embeddings of every frame (CLANet stage 2), selection first where missing. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Patch embeddings (CLANet stage 2) of every frame, stored in the dataset's workspace.",
            "The encoder turns each frame's top patches into feature vectors; the selection runs first for "
                + "frames that lack it, and frames already embedded with the same encoder and selection are skipped.",
            "--export OUT.npz writes `features` (float32, rows x dims), `paths` (frame path relative to DIR, "
                + "'/' separators) and `ranks` (int32, 1..k), readable with numpy.load without pickles."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every frame embedded or already up to date", ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE, "3:some frames failed (listed with reasons); the others are stored", ExitCodes.CANCELLED_LINE})
public final class EmbedCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Dataset folder.")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--encoder", paramLabel = "ID|FILE",
            description = "An encoder of the workspace (id or prefix, see `clanet encoders`) or a file to import:"
                    + " .npz with the published ViT names, or TorchScript .pt; or `texture`, the built-in texture"
                    + " statistics (no pretraining). Default: the newest pretrained, else the newest import, else texture.")
    String encoder;

    @Option(names = "--heads", paramLabel = "H", description = "Attention heads of an imported .npz (default dim/64).")
    Integer heads;

    @Mixin
    DeviceOption deviceOption;

    @Option(names = "--patches", defaultValue = "10", description = "Patches per frame (default: ${DEFAULT-VALUE}).")
    int patches;

    @Option(names = "--threads", paramLabel = "N", description = "Selection worker threads (default: cores).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1", converter = ShardConverter.class,
            description = "Only part I of N of the frames (see docs/SCALE-OUT.md).")
    Shard shard;

    @Option(names = "--export", paramLabel = "OUT.npz", description = "Also export the features as NumPy .npz.")
    Path export;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        if (patches < 1) {
            throw new ParameterException(spec.commandLine(), "--patches must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancel = new Cancellation();
        try (CtrlC ctrlC = CtrlC.cancelOnShutdown(cancel)) {
            ConsoleProgress scanProgress = new ConsoleProgress(err, "scan");
            List<Path> outputs = workspaceOption.path == null ? List.of() : List.of(workspaceOption.path);
            Dataset dataset = DatasetScanner.scan(dir, scanProgress, cancel, outputs);
            scanProgress.finish();
            try (Workspace ws = Workspace.open(dataset.root(), workspaceOption.path)) {
                EncoderRecord record;
                try {
                    record = EncoderChoice.resolve(ws, encoder, heads == null ? OptionalInt.empty() : OptionalInt.of(heads));
                } catch (IOException e) {
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return ExitCodes.ERROR;
                }
                try (PatchEncoder model = PatchEncoders.open(record.file(),
                        heads == null ? OptionalInt.empty() : OptionalInt.of(heads), deviceOption.name)) {
                    out.printf("encoder %s (%s): %s%n", record.id(), record.kind(), model.description());
                    out.flush();
                    ConsoleProgress progress = new ConsoleProgress(err, "embed");
                    int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
                    long t0 = System.nanoTime();
                    RunSummary s;
                    try {
                        s = Pipeline.of(dataset, ws, n).withShard(shard).ensureEmbeddings(
                                Pipeline.of(dataset, ws, n).frames(null), record, model, patches, progress, cancel);
                    } catch (CancellationException e) {
                        progress.finish();
                        out.println("cancelled; finished frames are stored, run again to resume");
                        out.flush();
                        return ExitCodes.CANCELLED;
                    }
                    progress.finish();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "%s (%.1f s)%n", s.line("frames"), secs);
                    s.items().stream().filter(i -> i.note().isPresent()).limit(10)
                            .forEach(i -> out.printf("  %s: %s%n", i.itemKey().substring(record.id().length() + 1),
                                    i.note().get()));
                    if (export != null) {
                        int rows = export(ws, dataset, record, export);
                        out.printf("exported %d patch embeddings to %s%n", rows, export);
                    }
                    out.printf("workspace %s%n", ws.location());
                    out.flush();
                    return s.complete() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
                }
            }
        }
    }

    /** {@code features}, {@code paths}, {@code ranks} of every stored frame of the dataset, in scan order. */
    static int export(Workspace ws, Dataset dataset, EncoderRecord encoder, Path out) throws IOException {
        List<FeatureExport.Row> rows = new ArrayList<>();
        for (SelectionStage.Item it : SelectionStage.itemsOf(dataset)) {
            Optional<float[][]> f = EmbeddingResults.features(ws, encoder.id(), it.relPath());
            if (f.isPresent()) {
                for (int r = 0; r < f.get().length; r++) {
                    rows.add(new FeatureExport.Row(it.relPath(), r + 1, f.get()[r]));
                }
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FeatureExport.write(out, rows);
        return rows.size();
    }
}
