package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilModelFileTest {

    @TempDir
    Path dir;

    private static final List<String> CLASSES = List.of("A", "B", "C");

    @Test
    void writeReadRoundTripKeepsEveryValueAndTheClassNames() throws Exception {
        MilWeights w = MilWeights.pytorchDefault(List.of("A549", "MCF7", "Ünïcode-line"), 12, 8, 3);
        Path f = dir.resolve("m.npz");
        MilModelFile.write(w, f);
        MilWeights r = MilModelFile.read(f);
        assertEquals(w.classes(), r.classes());
        for (String name : MilWeights.NAMES) {
            assertArrayEquals(w.named().get(name), r.named().get(name), name);
        }
        Map<String, NpyArray> raw = Npz.read(f);
        assertArrayEquals(new long[] {8, 12}, raw.get("attention_V.0.weight").shape());
        assertArrayEquals(new long[] {1, 8}, raw.get("attention_weights.weight").shape());
        assertArrayEquals(new long[] {3, 12}, raw.get("classifier.0.weight").shape());
        assertArrayEquals(new long[] {1}, raw.get("attention_weights.bias").shape());
    }

    @Test
    void classesTxtGivesNamesAndMustAgreeWithTheArchive() throws Exception {
        MilWeights w = MilWeights.pytorchDefault(CLASSES, 6, 4, 1);
        Path f = dir.resolve("m.npz");
        Map<String, NpyArray> noClasses = arrays(w, "model.");
        try (var out = Files.newOutputStream(f)) {
            Npz.write(out, noClasses);
        }
        IOException none = assertThrows(IOException.class, () -> MilModelFile.read(f));
        assertTrue(none.getMessage().contains("CLASSES.txt"), none.getMessage());
        Path txt = dir.resolve("CLASSES.txt");
        Files.writeString(txt, "A\nB\nC\n\n");
        MilWeights r = MilModelFile.read(f, txt);
        assertEquals(CLASSES, r.classes());
        assertArrayEquals(w.classifierWeight(), r.classifierWeight());

        Files.writeString(txt, "A\nB\n");
        IOException count = assertThrows(IOException.class, () -> MilModelFile.read(f, txt));
        assertTrue(count.getMessage().contains("2 class names") && count.getMessage().contains("3 rows"),
                count.getMessage());

        Path withNames = dir.resolve("n.npz");
        MilModelFile.write(w, withNames);
        Files.writeString(txt, "A\nC\nB\n");
        IOException differ = assertThrows(IOException.class, () -> MilModelFile.read(withNames, txt));
        assertTrue(differ.getMessage().contains("[A, C, B]"), differ.getMessage());
    }

    @Test
    void missingKeyAndWrongShapeAreNamed() throws Exception {
        MilWeights w = MilWeights.pytorchDefault(CLASSES, 6, 4, 1);
        Map<String, NpyArray> a = arrays(w, "");
        a.remove("attention_U.0.bias");
        a.put("classes", NpyArray.strings(CLASSES));
        Path f = dir.resolve("missing.npz");
        try (var out = Files.newOutputStream(f)) {
            Npz.write(out, a);
        }
        IOException e = assertThrows(IOException.class, () -> MilModelFile.read(f));
        assertTrue(e.getMessage().contains("missing array 'attention_U.0.bias'") && e.getMessage().contains(
                f.toString()), e.getMessage());

        Map<String, NpyArray> b = arrays(w, "");
        b.put("attention_U.0.weight", NpyArray.floats(new float[4 * 5], 4, 5));
        b.put("classes", NpyArray.strings(CLASSES));
        Path g = dir.resolve("shape.npz");
        try (var out = Files.newOutputStream(g)) {
            Npz.write(out, b);
        }
        IOException s = assertThrows(IOException.class, () -> MilModelFile.read(g));
        assertTrue(s.getMessage().contains("'attention_U.0.weight' has shape (4, 5), expected (4, 6)"),
                s.getMessage());

        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "not a zip");
        assertThrows(IOException.class, () -> MilModelFile.read(junk));
    }

    @Test
    void predictRejectsWrongInputDimAndEmptyBags() {
        try (GatedAttentionMil m = GatedAttentionMil.create(CLASSES, 6, 4, 1)) {
            IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(new float[][] {new float[5]}));
            assertTrue(dim.getMessage().contains("5 features") && dim.getMessage().contains("expects 6"));
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(new float[0][]));
            assertTrue(empty.getMessage().contains("empty bag"));
            MilOutput out = m.predict(new float[][] {new float[6], new float[6]});
            assertEquals(1.0, out.probabilities()[0] + out.probabilities()[1] + out.probabilities()[2], 1e-6);
            assertArrayEquals(new double[] {0.5, 0.5}, out.attention(), 1e-7); // identical instances
        }
    }

    @Test
    void defaultInitHasPyTorchBounds() {
        MilWeights w = MilWeights.pytorchDefault(CLASSES, 1536, 128, 9);
        double bound = 1 / Math.sqrt(1536);
        double max = 0;
        for (float v : w.attentionVWeight()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max " + max + " bound " + bound);
        double wb = 1 / Math.sqrt(128);
        for (float v : w.attentionWeightsWeight()) {
            assertTrue(Math.abs(v) <= wb);
        }
    }

    private static Map<String, NpyArray> arrays(MilWeights w, String prefix) {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        Map<String, long[]> shapes = MilWeights.shapes(w.inputDim(), w.attentionDim(), w.classCount());
        w.named().forEach((k, v) -> m.put(prefix + k, NpyArray.floats(v, shapes.get(k))));
        return m;
    }
}
