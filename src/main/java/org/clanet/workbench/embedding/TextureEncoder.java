package org.clanet.workbench.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The built-in encoder without weights: every patch becomes its 59 {@link TextureStatistics}. No pretraining and no
 * engine (plain Java, all cores), so it is the quick way to identify lines on a CPU, where it beats a ViT that DINO
 * could train in half an hour (docs/BENCHMARKS.md, "Texture statistics"). Not the published method: CLANet's features
 * are a DINO ViT's; bring a GPU-trained encoder for those.
 *
 * <p>In a workspace it is an encoder file like the others ({@link #FILE_NAME}, the fixed text {@link #FILE_CONTENT}),
 * so its id is the same everywhere and the stages key embeddings and models by it as by any encoder. A file of
 * version 1 (the first 23 statistics, before coherence and per-scale percentiles were added) still opens as such, so
 * older workspaces' embeddings and models keep working; new registrations are version 2.
 */
public final class TextureEncoder implements PatchEncoder {

    /** What {@code --encoder} takes to mean this encoder. */
    public static final String CHOICE = "texture";
    public static final String EXTENSION = ".texture";
    public static final String FILE_NAME = "encoder" + EXTENSION;
    public static final String FILE_CONTENT = content(2, TextureStatistics.DIM);
    /** The file of version 1 (23 statistics), which older workspaces hold. */
    static final String V1_FILE_CONTENT = content(1, TextureStatistics.V1_DIM);
    public static final String NAME = "texture statistics";

    private final int side;
    private final int dim;

    /** The current version (all {@link TextureStatistics#DIM} statistics). */
    public TextureEncoder() {
        this(TextureStatistics.DIM);
    }

    private TextureEncoder(int dim) {
        this.side = VitPatchEncoder.PATCH_SIZE;
        this.dim = dim;
    }

    private static String content(int version, int dim) {
        return "{\"encoder\": \"texture-statistics\", \"version\": " + version + ", \"dim\": " + dim + "}\n";
    }

    /** Checks that the file is one of this encoder's versions (a later version would be refused, not misread). */
    public static TextureEncoder open(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.equals(FILE_CONTENT)) {
            return new TextureEncoder();
        }
        if (text.equals(V1_FILE_CONTENT)) {
            return new TextureEncoder(TextureStatistics.V1_DIM);
        }
        throw new IOException(file + ": not a texture-statistics encoder file of a version this build knows (expected "
                + FILE_CONTENT.strip() + " or " + V1_FILE_CONTENT.strip() + ")");
    }

    /** Writes the encoder's file (what a workspace registers). */
    public static void write(Path file) throws IOException {
        Files.writeString(file, FILE_CONTENT, StandardCharsets.UTF_8);
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int inputSize() {
        return side;
    }

    @Override
    public String description() {
        return "texture statistics (" + dim + ": multi-scale gradient and Laplacian of Gaussian,"
                + (dim == TextureStatistics.DIM ? " their percentiles, orientation coherence," : "")
                + " gray-value percentiles; no weights) · Java";
    }

    @Override
    public float[][] encode(List<float[]> patches) {
        float[][] out = new float[patches.size()][];
        IntStream.range(0, patches.size()).parallel().forEach(i -> out[i] = TextureStatistics.of(patches.get(i), side, dim));
        return out;
    }

    @Override
    public void close() {
        // nothing held
    }
}
