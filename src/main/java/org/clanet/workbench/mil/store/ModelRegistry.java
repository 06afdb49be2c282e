package org.clanet.workbench.mil.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import org.clanet.workbench.io.AtomicFiles;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.workspace.Workspace;

/** The workspace's MIL models: {@code files/models/<id>/model.json} plus weights, checkpoints and reports. */
public final class ModelRegistry {

    public static final String FOLDER = "models";
    public static final String INFO = "model.json";

    private final Workspace workspace;

    public ModelRegistry(Workspace workspace) {
        this.workspace = workspace;
    }

    public Path folder(String id) {
        return workspace.resolveFile(FOLDER + "/" + id);
    }

    /** Writes (replaces) a model's document atomically. */
    public ModelRecord save(String id, Map<String, Object> document) throws IOException {
        Path dir = folder(id);
        Files.createDirectories(dir);
        Map<String, Object> doc = new LinkedHashMap<>(document);
        doc.put("id", id);
        doc.putIfAbsent("created", Instant.now().toString());
        AtomicFiles.writeString(dir.resolve(INFO), Json.PRETTY.writeValueAsString(doc));
        return read(dir).orElseThrow();
    }

    /** Every model, newest first. */
    public List<ModelRecord> list() throws IOException {
        Path root = workspace.filesDir().resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ModelRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                read(d).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(ModelRecord::created).reversed());
        return out;
    }

    /** The newest model with weights to predict with. */
    public Optional<ModelRecord> newestUsable() throws IOException {
        return list().stream().filter(ModelRecord::usable).findFirst();
    }

    /** By id or a unique prefix of it. */
    public Optional<ModelRecord> find(String idOrPrefix) throws IOException {
        List<ModelRecord> hits = list().stream().filter(m -> m.id().startsWith(idOrPrefix)).toList();
        if (hits.size() > 1) {
            throw new IOException("model id '" + idOrPrefix + "' is ambiguous: " + hits.size() + " models match");
        }
        return hits.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    static Optional<ModelRecord> read(Path dir) throws IOException {
        Path info = dir.resolve(INFO);
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        Map<String, Object> doc = Json.MAPPER.readValue(info.toFile(), new TypeReference<>() { });
        List<String> classes = (List<String>) doc.getOrDefault("classes", List.of());
        return Optional.of(new ModelRecord(String.valueOf(doc.get("id")), String.valueOf(doc.getOrDefault("name", "")),
                String.valueOf(doc.getOrDefault("kind", "trained")), String.valueOf(doc.getOrDefault("status", "")),
                dir, Instant.parse(String.valueOf(doc.get("created"))), (String) doc.get("encoder"), classes, doc));
    }
}
