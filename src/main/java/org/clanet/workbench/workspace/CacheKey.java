package org.clanet.workbench.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Content-addressed key of one stage's work on one item: if it equals the key stored when the item was
 * last done, the stored result is still valid.
 *
 * <p>The key is the SHA-256 of a canonical JSON document: object keys sorted at every level, so map
 * insertion order never matters; inputs sorted by path, so listing order never matters. Bump
 * {@code stageVersion} whenever a stage's code changes its output for the same parameters.
 */
public final class CacheKey {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheKey() {
    }

    /**
     * @param parameters values Jackson can serialise (numbers, strings, booleans, null, lists, maps,
     *                   records); {@code 1} and {@code 1.0} are different values
     * @return 64 lowercase hex characters
     */
    public static String of(String stage, int stageVersion, Map<String, ?> parameters, List<InputFingerprint> inputs) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(inputs, "inputs");
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("stage", stage);
        doc.put("stageVersion", stageVersion);
        doc.set("parameters", JSON.valueToTree(parameters));
        List<InputFingerprint> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparing(InputFingerprint::path)
                .thenComparingLong(InputFingerprint::size)
                .thenComparingLong(InputFingerprint::lastModifiedMillis));
        ArrayNode inputArray = doc.putArray("inputs");
        for (InputFingerprint f : sorted) {
            inputArray.addArray().add(f.path()).add(f.size()).add(f.lastModifiedMillis());
        }
        return sha256(canonical(doc));
    }

    /** Key of a stage with no file inputs (e.g. one that reads other stages' stored results). */
    public static String of(String stage, int stageVersion, Map<String, ?> parameters) {
        return of(stage, stageVersion, parameters, List.of());
    }

    /** Serialises with sorted object keys; Jackson's own ordering only applies to maps, not trees. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.put(e.getKey(), e.getValue());
            }
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(quote(e.getKey())).append(':').append(canonical(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (JsonNode child : node) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(canonical(child));
            }
            return sb.append(']').toString();
        }
        return node.toString();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
