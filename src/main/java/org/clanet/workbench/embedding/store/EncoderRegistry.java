package org.clanet.workbench.embedding.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import org.clanet.workbench.embedding.TextureEncoder;
import org.clanet.workbench.io.AtomicFiles;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.workspace.Workspace;

/**
 * The workspace's encoders: {@code files/encoders/<id>/} holds the weights file and {@code encoder.json}. Imports copy
 * the user's file in (a later move or edit of the original changes nothing); a pretraining run registers its
 * teacher's {@code encoder.npz}.
 */
public final class EncoderRegistry {

    public static final String FOLDER = "encoders";
    private static final String INFO = "encoder.json";

    private final Workspace workspace;

    public EncoderRegistry(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Copies an encoder file into the workspace (idempotent: the same weights give the same record).
     *
     * @param kind "pretrained", "imported" or "built-in"
     */
    public EncoderRecord register(Path weights, String name, String kind, Map<String, Object> details)
            throws IOException {
        if (!Files.isRegularFile(weights)) {
            throw new IOException("encoder file " + weights + " does not exist or is not a file");
        }
        String id = contentId(weights);
        Path dir = workspace.resolveFile(FOLDER + "/" + id);
        String lower = weights.getFileName().toString().toLowerCase(Locale.ROOT);
        String fileName = lower.endsWith(".npz") ? "encoder.npz"
                : lower.endsWith(TextureEncoder.EXTENSION) ? TextureEncoder.FILE_NAME : "encoder.pt";
        Path target = dir.resolve(fileName);
        Optional<EncoderRecord> existing = find(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        AtomicFiles.write(target, Files.readAllBytes(weights));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("name", name);
        doc.put("kind", kind);
        doc.put("file", fileName);
        doc.put("created", Instant.now().toString());
        doc.put("details", details);
        AtomicFiles.writeString(dir.resolve(INFO), Json.PRETTY.writeValueAsString(doc));
        return read(dir).orElseThrow();
    }

    /** Every encoder, newest first. */
    public List<EncoderRecord> list() throws IOException {
        Path root = workspace.filesDir().resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<EncoderRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                read(d).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(EncoderRecord::created).reversed());
        return out;
    }

    /**
     * The newest pretrained encoder, else the newest import, else the built-in one (a texture-statistics run must not
     * make an imported ViT the second choice).
     */
    public Optional<EncoderRecord> newest() throws IOException {
        List<EncoderRecord> all = list();
        return all.stream().filter(e -> "pretrained".equals(e.kind())).findFirst()
                .or(() -> all.stream().filter(e -> !"built-in".equals(e.kind())).findFirst())
                .or(() -> all.stream().findFirst());
    }

    /** By id, or by a unique prefix of it (as typed on a command line). */
    public Optional<EncoderRecord> find(String idOrPrefix) throws IOException {
        List<EncoderRecord> hits = list().stream().filter(e -> e.id().startsWith(idOrPrefix)).toList();
        if (hits.size() > 1) {
            throw new IOException("encoder id '" + idOrPrefix + "' is ambiguous: " + hits.size() + " encoders match");
        }
        return hits.stream().findFirst();
    }

    private static Optional<EncoderRecord> read(Path dir) throws IOException {
        Path info = dir.resolve(INFO);
        if (!Files.isRegularFile(info)) {
            return Optional.empty(); // a half-registered folder of a crash: not an encoder
        }
        Map<String, Object> doc = Json.MAPPER.readValue(info.toFile(), new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) doc.getOrDefault("details", Map.of());
        return Optional.of(new EncoderRecord(String.valueOf(doc.get("id")), String.valueOf(doc.get("name")),
                String.valueOf(doc.get("kind")), dir.resolve(String.valueOf(doc.get("file"))),
                Instant.parse(String.valueOf(doc.get("created"))), details));
    }

    /** First 16 hex digits of the file's SHA-256. */
    public static String contentId(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digest as we read
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
