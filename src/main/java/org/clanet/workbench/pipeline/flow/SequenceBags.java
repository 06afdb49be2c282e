package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.clanet.workbench.dataset.Frame;
import org.clanet.workbench.dataset.Sequence;
import org.clanet.workbench.embedding.store.EmbeddingResults;
import org.clanet.workbench.mil.bag.Bags;
import org.clanet.workbench.mil.bag.FrameFeatures;
import org.clanet.workbench.mil.bag.SequenceFeatures;
import org.clanet.workbench.workspace.CacheKey;
import org.clanet.workbench.workspace.Workspace;

/** MIL bags from the workspace: each sequence's frames in time order × their stored patch embeddings. */
public final class SequenceBags {

    private SequenceBags() {
    }

    /** The features the workspace holds for the sequences' frames (frames without any are listed without). */
    public static List<SequenceFeatures> features(Workspace ws, String encoderId, List<Sequence> sequences)
            throws IOException {
        List<SequenceFeatures> out = new ArrayList<>();
        for (Sequence s : sequences) {
            List<FrameFeatures> frames = new ArrayList<>();
            for (Frame f : s.frames()) {
                Optional<float[][]> feats = EmbeddingResults.features(ws, encoderId, f.relativePath());
                frames.add(new FrameFeatures(f.relativePath(), f.time().samplingHours(), feats.orElse(null)));
            }
            out.add(new SequenceFeatures(s.id(), s.cellLine(), s.batch(), frames));
        }
        return out;
    }

    public static Bags.BagSet bags(Workspace ws, String encoderId, List<Sequence> sequences, int patchesPerFrame,
                                   int minFrames, int settlingHours) throws IOException {
        return Bags.build(features(ws, encoderId, sequences), patchesPerFrame, minFrames, settlingHours);
    }

    /**
     * The key of the data a model sees: the embedding keys of every frame of the sequences, so a model (or a
     * prediction) built on other selections or another encoder has another key.
     */
    public static String dataKey(Workspace ws, String encoderId, List<Sequence> sequences) {
        Map<String, String> keys = EmbeddingResults.keys(ws, encoderId);
        Map<String, String> used = new TreeMap<>();
        for (Sequence s : sequences) {
            for (Frame f : s.frames()) {
                used.put(f.relativePath(), keys.getOrDefault(f.relativePath(), "-"));
            }
        }
        return CacheKey.sha256(used.toString());
    }
}
