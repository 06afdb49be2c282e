package org.clanet.workbench.embedding.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An encoder the workspace knows: pretrained here or imported. Its id is the start of the SHA-256 of its weights file,
 * so the same weights have the same id everywhere (embeddings keyed by it survive a workspace merge).
 *
 * @param kind    "pretrained", "imported" or "built-in" (the texture statistics)
 * @param file    the weights file inside the workspace ({@code .npz} with the published names, or TorchScript)
 * @param details preset, epochs, final loss, device, source file… (free-form, shown by {@code clanet encoders})
 */
public record EncoderRecord(String id, String name, String kind, Path file, Instant created,
                            Map<String, Object> details) {
    public EncoderRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        details = Map.copyOf(details);
    }
}
