package org.clanet.workbench.mil.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A MIL model the workspace knows, with its provenance: trained here (encoder, split, every parameter, the key of
 * the data it saw) or imported from a published checkpoint.
 *
 * @param kind     "trained" or "imported"
 * @param dir      the model's folder ({@code files/models/<id>/}): best.npz, last.npz, model.json, checkpoints
 * @param status   "running", "finished", "cancelled" (resumable) or "imported"
 * @param document the whole {@code model.json} (split, parameters, calibration, QC ranges, figures)
 */
public record ModelRecord(String id, String name, String kind, String status, Path dir, Instant created,
                          String encoderId, List<String> classes, Map<String, Object> document) {
    public ModelRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dir, "dir");
        classes = List.copyOf(classes);
        document = Map.copyOf(document);
    }

    public Path best() {
        return dir.resolve("best.npz");
    }

    public Path last() {
        return dir.resolve("last.npz");
    }

    public boolean usable() {
        return java.nio.file.Files.isRegularFile(best());
    }
}
