package org.clanet.workbench.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The built-in encoder without weights: every patch becomes its 23 {@link TextureStatistics}. No pretraining and no
 * engine (plain Java, all cores), so it is the quick way to identify lines on a CPU, where it beats a ViT that DINO
 * could train in half an hour (docs/BENCHMARKS.md, "Texture statistics"). Not the published method: CLANet's features
 * are a DINO ViT's; bring a GPU-trained encoder for those.
 *
 * <p>In a workspace it is an encoder file like the others ({@link #FILE_NAME}, the fixed text {@link #FILE_CONTENT}),
 * so its id is the same everywhere and the stages key embeddings and models by it as by any encoder.
 */
public final class TextureEncoder implements PatchEncoder {

    /** What {@code --encoder} takes to mean this encoder. */
    public static final String CHOICE = "texture";
    public static final String EXTENSION = ".texture";
    public static final String FILE_NAME = "encoder" + EXTENSION;
    public static final String FILE_CONTENT = "{\"encoder\": \"texture-statistics\", \"version\": 1, \"dim\": "
            + TextureStatistics.DIM + "}\n";
    public static final String NAME = "texture statistics";

    private final int side;

    public TextureEncoder() {
        this.side = VitPatchEncoder.PATCH_SIZE;
    }

    /** Checks that the file is this encoder's (a later version of the statistics would be refused, not misread). */
    public static TextureEncoder open(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.equals(FILE_CONTENT)) {
            throw new IOException(file + ": not a texture-statistics encoder file of this version (expected "
                    + FILE_CONTENT.strip() + ")");
        }
        return new TextureEncoder();
    }

    /** Writes the encoder's file (what a workspace registers). */
    public static void write(Path file) throws IOException {
        Files.writeString(file, FILE_CONTENT, StandardCharsets.UTF_8);
    }

    @Override
    public int dim() {
        return TextureStatistics.DIM;
    }

    @Override
    public int inputSize() {
        return side;
    }

    @Override
    public String description() {
        return "texture statistics (" + TextureStatistics.DIM + ": multi-scale gradient and Laplacian of Gaussian,"
                + " gray-value percentiles; no weights) · Java";
    }

    @Override
    public float[][] encode(List<float[]> patches) {
        float[][] out = new float[patches.size()][];
        IntStream.range(0, patches.size()).parallel().forEach(i -> out[i] = TextureStatistics.of(patches.get(i), side));
        return out;
    }

    @Override
    public void close() {
        // nothing held
    }
}
