package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyTest {

    private static final List<InputFingerprint> INPUTS = List.of(
            new InputFingerprint("A549/batch_1/images/f1.tif", 1000, 1_700_000_000_000L),
            new InputFingerprint("A549/batch_1/images/f2.tif", 1200, 1_700_000_060_000L));

    @Test
    void isSha256OfCanonicalJson() {
        String key = CacheKey.of("select", 1, Map.of("b", 2, "a", "x"),
                List.of(new InputFingerprint("A/f.tif", 10, 1000)));
        String canonical = "{\"inputs\":[[\"A/f.tif\",10,1000]],\"parameters\":{\"a\":\"x\",\"b\":2},"
                + "\"stage\":\"select\",\"stageVersion\":1}";
        assertEquals(CacheKey.sha256(canonical), key);
        assertTrue(key.matches("[0-9a-f]{64}"), key);
    }

    @Test
    void mapInsertionOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> nestedFirst = new LinkedHashMap<>();
        nestedFirst.put("x", 1);
        nestedFirst.put("y", List.of(1, 2));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("patchSize", 112);
        first.put("finalRegion", 20);
        first.put("nested", nestedFirst);

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("y", List.of(1, 2));
        nested.put("x", 1);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("nested", nested);
        second.put("finalRegion", 20);
        second.put("patchSize", 112);

        assertEquals(CacheKey.of("select", 1, first, INPUTS), CacheKey.of("select", 1, second, INPUTS));
    }

    @Test
    void inputOrderDoesNotMatter() {
        assertEquals(CacheKey.of("select", 1, Map.of(), INPUTS),
                CacheKey.of("select", 1, Map.of(), List.of(INPUTS.get(1), INPUTS.get(0))));
    }

    @Test
    void anyChangeGivesAnotherKey() {
        String base = CacheKey.of("select", 1, Map.of("bbNumLimit", 40), INPUTS);
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", 41), INPUTS), "parameter value");
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", 40, "extra", true), INPUTS), "new param");
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", "40"), INPUTS), "type of value");
        assertNotEquals(base, CacheKey.of("select", 2, Map.of("bbNumLimit", 40), INPUTS), "stage version");
        assertNotEquals(base, CacheKey.of("mask", 1, Map.of("bbNumLimit", 40), INPUTS), "stage");
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", 40), INPUTS.subList(0, 1)), "inputs");
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", 40), List.of(INPUTS.get(0),
                new InputFingerprint(INPUTS.get(1).path(), 1200, 1_700_000_060_001L))), "modified time");
        assertNotEquals(base, CacheKey.of("select", 1, Map.of("bbNumLimit", 40), List.of(INPUTS.get(0),
                new InputFingerprint(INPUTS.get(1).path(), 1201, 1_700_000_060_000L))), "size");
    }

    @Test
    void sameInputsGiveSameKeyAcrossCalls() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("threshold", 0.35);
        params.put("missing", null);
        assertEquals(CacheKey.of("mask", 3, params, INPUTS), CacheKey.of("mask", 3, new LinkedHashMap<>(params), INPUTS));
        assertEquals(CacheKey.of("embed", 1, Map.of()), CacheKey.of("embed", 1, Map.of(), List.of()));
    }

    @Test
    void fingerprintFromFileUsesPortableRelativePath(@TempDir Path root) throws IOException {
        Path file = root.resolve("A549/batch_1/images/f1.tif");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[123]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));

        InputFingerprint fp = InputFingerprint.of(root, file);
        assertEquals(new InputFingerprint("A549/batch_1/images/f1.tif", 123, 1_600_000_000_000L), fp);
        assertEquals(fp, InputFingerprint.of(root, Path.of("A549/batch_1/images/f1.tif")), "relative file name");

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_001_000L));
        assertNotEquals(fp, InputFingerprint.of(root, file), "touching the file changes the fingerprint");
    }

    @Test
    void fingerprintRefusesFilesOutsideRootAndMissingFiles(@TempDir Path root) {
        assertThrows(IllegalArgumentException.class, () -> InputFingerprint.of(root.resolve("sub"), root.resolve("x")));
        assertThrows(java.io.UncheckedIOException.class, () -> InputFingerprint.of(root, root.resolve("missing.tif")));
    }
}
