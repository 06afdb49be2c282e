package org.clanet.workbench.embedding.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.clanet.workbench.workspace.Workspace;

/**
 * Read-back of the embedding stage: a frame's patch features under an encoder, and which frames have them. Item keys
 * are {@code <encoder id>/<frame path>}, so several encoders' embeddings live side by side.
 */
public final class EmbeddingResults {

    public static final String STAGE = "embed";

    private EmbeddingResults() {
    }

    public static String itemKey(String encoderId, String frameRelPath) {
        return encoderId + "/" + frameRelPath;
    }

    /** Where a frame's features live: {@code files/embeddings/<encoder id>/<frame path>.f32}. */
    public static Path file(Workspace ws, String encoderId, String frameRelPath) {
        return ws.resolveFile("embeddings/" + encoderId + "/" + frameRelPath + ".f32");
    }

    /** The frame's features (row r = patch of rank r+1), when the stage has stored them. */
    public static Optional<float[][]> features(Workspace ws, String encoderId, String frameRelPath)
            throws IOException {
        if (ws.stageCache().key(STAGE, itemKey(encoderId, frameRelPath)).isEmpty()) {
            return Optional.empty();
        }
        Path f = file(ws, encoderId, frameRelPath);
        return Files.isRegularFile(f) ? Optional.of(FeatureFiles.read(f)) : Optional.empty();
    }

    /** Frame path → stored key of every frame embedded with this encoder (one query). */
    public static Map<String, String> keys(Workspace ws, String encoderId) {
        String prefix = encoderId + "/";
        Map<String, String> out = new HashMap<>();
        ws.stageCache().keys(STAGE).forEach((item, key) -> {
            if (item.startsWith(prefix)) {
                out.put(item.substring(prefix.length()), key);
            }
        });
        return out;
    }
}
