package org.clanet.workbench.embedding.io;

import org.clanet.workbench.io.NpyArray;

import org.clanet.workbench.io.Npz;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Json;

/**
 * A ViT backbone stored as a {@code .npz} with the published PyTorch state-dict names (what
 * {@code np.savez(f, **{k: v.numpy() for k, v in state_dict.items()})} writes for the published
 * vision_transformer.py). The architecture is inferred from the shapes; heads = dim/64 unless given or
 * recorded by this app's own export (entry {@code clanet_config}, a JSON string).
 *
 * @param config  inferred (or recorded) shape; the head sizes are those recorded, or the published ones
 * @param weights backbone arrays under the published names (prefixes {@code backbone.}/{@code module.} stripped)
 * @param source  the file it came from
 */
public record EncoderWeights(VitConfig config, Map<String, float[]> weights, Path source) {

    /** Name of the JSON entry this app adds to the .npz files it writes. */
    public static final String CONFIG_ENTRY = "clanet_config";

    private static final Pattern BLOCK = Pattern.compile("^blocks\\.(\\d+)\\.");

    /**
     * Reads {@code file}; every error names the file and, for shape errors, the key with the expected and
     * the found shape.
     *
     * @param heads attention heads, overriding the file's record and the dim/64 rule
     */
    public static EncoderWeights read(Path file, OptionalInt heads) throws IOException {
        Map<String, NpyArray> raw = Npz.read(file);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        Optional<VitConfig> recorded = Optional.empty();
        for (Map.Entry<String, NpyArray> e : raw.entrySet()) {
            if (e.getKey().equals(CONFIG_ENTRY)) {
                recorded = Optional.of(parseConfig(file, e.getValue()));
                continue;
            }
            String k = e.getKey();
            for (String prefix : new String[] {"module.", "backbone.", "teacher.", "student."}) {
                if (k.startsWith(prefix)) {
                    k = k.substring(prefix.length());
                }
            }
            arrays.put(k, e.getValue());
        }
        VitConfig config = infer(file, arrays, heads, recorded);
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : VisionTransformer.parameterShapes(config).entrySet()) {
            NpyArray a = arrays.get(e.getKey());
            if (a == null) {
                throw new IOException(file + ": missing key '" + e.getKey() + "' (expected shape "
                        + shape(e.getValue()) + ")");
            }
            if (a.isUnicode() || !Arrays.equals(a.shape(), e.getValue())) {
                throw new IOException(file + ": key '" + e.getKey() + "' has shape " + a.shapeText() + " ("
                        + a.dtype() + "), expected " + shape(e.getValue()));
            }
            weights.put(e.getKey(), a.data());
        }
        return new EncoderWeights(config, weights, file);
    }

    /** Writes a backbone under the published names plus this app's config record, atomically. */
    public static void write(Path file, VitConfig config, Map<String, float[]> weights) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : VisionTransformer.parameterShapes(config).entrySet()) {
            float[] v = weights.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("missing weight " + e.getKey());
            }
            out.put(e.getKey(), NpyArray.ofFloats(v, e.getValue()));
        }
        out.put(CONFIG_ENTRY, NpyArray.ofStrings(new String[] {Json.MAPPER.writeValueAsString(config)}));
        Npz.write(file, out);
    }

    private static VitConfig parseConfig(Path file, NpyArray a) throws IOException {
        if (!a.isUnicode() || a.strings().length != 1) {
            throw new IOException(file + ": entry '" + CONFIG_ENTRY + "' must be one unicode string");
        }
        try {
            return Json.MAPPER.readValue(a.strings()[0], VitConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": entry '" + CONFIG_ENTRY + "' is not a valid config: " + e.getOriginalMessage(), e);
        }
    }

    private static VitConfig infer(Path file, Map<String, NpyArray> a, OptionalInt heads, Optional<VitConfig> recorded)
            throws IOException {
        NpyArray pos = need(file, a, "pos_embed", 3);
        NpyArray proj = need(file, a, "patch_embed.proj.weight", 4);
        NpyArray fc1 = need(file, a, "blocks.0.mlp.fc1.weight", 2);
        int dim = (int) pos.shape()[2];
        int patch = (int) proj.shape()[2];
        if (proj.shape()[0] != dim || proj.shape()[3] != patch || proj.shape()[1] != 3) {
            throw new IOException(file + ": key 'patch_embed.proj.weight' has shape " + proj.shapeText()
                    + ", expected (" + dim + ", 3, p, p) to match pos_embed " + pos.shapeText());
        }
        long tokens = pos.shape()[1];
        int grid = (int) Math.round(Math.sqrt(tokens - 1));
        if (pos.shape()[0] != 1 || (long) grid * grid + 1 != tokens) {
            throw new IOException(file + ": key 'pos_embed' has shape " + pos.shapeText()
                    + ", expected (1, g*g + 1, dim) for a square grid g");
        }
        TreeSet<Integer> blocks = new TreeSet<>();
        for (String k : a.keySet()) {
            Matcher m = BLOCK.matcher(k);
            if (m.find()) {
                blocks.add(Integer.parseInt(m.group(1)));
            }
        }
        int depth = blocks.last() + 1;
        if (blocks.size() != depth) {
            throw new IOException(file + ": block indices are not contiguous: " + blocks);
        }
        int ratio = (int) (fc1.shape()[0] / dim);
        int h;
        if (heads.isPresent()) {
            h = heads.getAsInt();
        } else if (recorded.isPresent()) {
            h = recorded.get().heads();
        } else {
            h = Math.max(1, dim / 64);
        }
        if (h <= 0 || dim % h != 0) {
            throw new IOException(file + ": embedding dim " + dim + " is not divisible by " + h + " heads (give --heads)");
        }
        VitConfig base = recorded.orElse(VitConfig.SMALL_8);
        String name = recorded.map(VitConfig::name).orElse("imported");
        try {
            // normalisation only from this app's own record: published state dicts take raw [0,1] inputs
            return new VitConfig(name, patch, dim, depth, h, ratio, grid * patch, base.dropPathRate(), base.headHidden(),
                    base.headBottleneck(), base.headOut(), recorded.map(VitConfig::inputMean).orElse(0.0),
                    recorded.map(VitConfig::inputStd).orElse(1.0));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static NpyArray need(Path file, Map<String, NpyArray> a, String key, int rank) throws IOException {
        NpyArray v = a.get(key);
        if (v == null) {
            throw new IOException(file + ": missing key '" + key + "' (not a ViT state dict with the published names?"
                    + " found keys: " + abbreviate(a.keySet().toString()) + ")");
        }
        if (v.isUnicode() || v.shape().length != rank) {
            throw new IOException(file + ": key '" + key + "' has shape " + v.shapeText() + ", expected rank " + rank);
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String shape(long[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }
}
