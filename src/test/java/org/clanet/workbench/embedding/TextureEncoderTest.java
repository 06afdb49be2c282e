package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in encoder: its file, its dispatch by extension, and features equal to the statistics, in order. */
class TextureEncoderTest {

    @TempDir
    Path tmp;

    @Test
    void writesOpensAndEncodesInOrder() throws Exception {
        Path f = tmp.resolve("x" + TextureEncoder.EXTENSION);
        TextureEncoder.write(f);
        List<float[]> patches = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int n = 0; n < 5; n++) {
            float[] p = new float[112 * 112];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (0.5 + 0.05 * Math.sin((i / 112) / (1.5 + n)) + 0.01 * r.nextGaussian());
            }
            patches.add(p);
        }
        try (PatchEncoder enc = PatchEncoders.open(f, OptionalInt.empty(), "gpu")) {
            assertInstanceOf(TextureEncoder.class, enc, "no engine and no device needed, even when a GPU is asked for");
            assertEquals(TextureStatistics.DIM, enc.dim());
            assertEquals(112, enc.inputSize());
            float[][] out = enc.encode(patches);
            for (int i = 0; i < patches.size(); i++) {
                assertArrayEquals(TextureStatistics.of(patches.get(i), 112), out[i], "patch " + i);
            }
            assertTrue(enc.encode(List.of()).length == 0);
        }
    }

    @Test
    void aVersion1FileStillGivesTheFirst23Statistics() throws Exception {
        Path f = tmp.resolve("old" + TextureEncoder.EXTENSION);
        Files.writeString(f, TextureEncoder.V1_FILE_CONTENT);
        float[] p = new float[112 * 112];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.5 + 0.05 * Math.sin(i % 112 / 2.5) + 0.02 * Math.cos(i / 112 / 4.0));
        }
        try (PatchEncoder enc = PatchEncoders.open(f, OptionalInt.empty(), "cpu")) {
            assertEquals(TextureStatistics.V1_DIM, enc.dim());
            float[] all = TextureStatistics.of(p, 112);
            assertArrayEquals(Arrays.copyOf(all, TextureStatistics.V1_DIM), enc.encode(List.of(p))[0],
                    "version 1 is the first 23 of version 2, in the same units");
        }
    }

    @Test
    void anotherFileUnderTheExtensionIsRefusedByName() throws Exception {
        Path f = tmp.resolve("edited.texture");
        String later = TextureEncoder.FILE_CONTENT.replace("\"version\": 2", "\"version\": 3");
        assertNotEquals(TextureEncoder.FILE_CONTENT, later);
        Files.writeString(f, later);
        IOException e = assertThrows(IOException.class, () -> PatchEncoders.open(f, OptionalInt.empty(), "cpu"));
        assertTrue(e.getMessage().contains("edited.texture") && e.getMessage().contains("version"), e.getMessage());
        Path other = tmp.resolve("weights.bin");
        Files.writeString(other, "?");
        IOException unknown = assertThrows(IOException.class, () -> PatchEncoders.open(other, OptionalInt.empty(), "cpu"));
        assertTrue(unknown.getMessage().contains(".texture"), unknown.getMessage());
    }
}
