package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.stage.EmbeddingStage;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.Shard;
import org.clanet.workbench.pipeline.stage.RunOptions;
import org.clanet.workbench.pipeline.stage.RunSummary;
import org.clanet.workbench.pipeline.stage.StageRunner;
import org.clanet.workbench.selection.SelectionParameters;
import org.clanet.workbench.selection.SelectionStage;
import org.clanet.workbench.workspace.Workspace;

/**
 * "Run what is missing": asking for a stage's results for some frames runs the stages they depend on for exactly the
 * frames where those are missing or stale, in one call. The command line and the workbench both go through here, so
 * they compute the same things in the same way.
 *
 * @param selection the selection parameters upstream results must have been made with (default: the latest run's)
 */
public record Pipeline(Dataset dataset, Workspace workspace, SelectionParameters selection, Preset preset,
                       int threads, Shard shard) {

    public Pipeline {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(shard, "shard");
    }

    /** The dataset's pipeline with the parameters of the workspace's latest selection run (else the defaults). */
    public static Pipeline of(Dataset dataset, Workspace ws, int threads) {
        return new Pipeline(dataset, ws, SelectionStage.lastParameters(ws).orElse(SelectionParameters.defaults()),
                Preset.AUTO, Math.max(1, threads), Shard.ALL);
    }

    public Pipeline withShard(Shard s) {
        return new Pipeline(dataset, workspace, selection, preset, threads, s);
    }

    /** The dataset's frames (as the scan found them) whose paths are in {@code framePaths}; all when null. */
    public List<SelectionStage.Item> frames(Set<String> framePaths) {
        List<SelectionStage.Item> all = SelectionStage.itemsOf(dataset);
        return framePaths == null ? all : all.stream().filter(i -> framePaths.contains(i.relPath())).toList();
    }

    /** Masks and patches for the frames that lack fresh ones. */
    public RunSummary ensureSelection(List<SelectionStage.Item> frames, ProgressListener progress, Cancellation cancel)
            throws IOException {
        ProgressListener pl = progress == null ? ProgressListener.NONE : progress;
        SelectionStage stage = new SelectionStage(selection, preset, threads);
        Path root = dataset.root();
        SelectionStage.Summary s = stage.run(root, frames, workspace, null, shard, pl, cancel);
        RunSummary rs = new RunSummary(SelectionStage.STAGE, s.total(), s.processed(), s.fresh(), s.failed(),
                s.outsideShard(), List.of());
        pl.event(new ProgressEvent.Note("selection: " + rs.line("frames")));
        return rs;
    }

    /**
     * Embeddings of the frames' top patches with this encoder, running the selection first where it is missing or
     * stale. Frames whose selection failed are left out (and reported by the selection summary).
     */
    public RunSummary ensureEmbeddings(List<SelectionStage.Item> frames, EncoderRecord encoder, PatchEncoder model,
                                       int patchesPerFrame, ProgressListener progress, Cancellation cancel)
            throws IOException {
        ProgressListener pl = progress == null ? ProgressListener.NONE : progress;
        // The shard is a shard of frames (by path), the same for selection and embedding.
        List<SelectionStage.Item> mine = frames.stream().filter(f -> shard.contains(f.relPath())).toList();
        new Pipeline(dataset, workspace, selection, preset, threads, Shard.ALL).ensureSelection(mine, pl, cancel);
        Set<String> selected = new HashSet<>(workspace.stageCache().keys(SelectionStage.STAGE).keySet());
        List<SelectionStage.Item> ready = mine.stream().filter(f -> selected.contains(f.relPath())).toList();
        EmbeddingStage stage = new EmbeddingStage(workspace, encoder, model, preset, patchesPerFrame);
        // One compute thread: the encoder is one model (its engine uses the cores); a reader thread decodes ahead.
        RunSummary rs = StageRunner.run(stage, ready, workspace, RunOptions.threads(1), null, pl, cancel);
        rs = new RunSummary(rs.stage(), mine.size(), rs.processed(), rs.fresh(), rs.failed() + mine.size()
                - ready.size(), frames.size() - mine.size(), rs.items());
        pl.event(new ProgressEvent.Note("embeddings: " + rs.line("frames")));
        return rs;
    }
}
