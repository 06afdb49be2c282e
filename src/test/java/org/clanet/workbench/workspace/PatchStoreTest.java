package org.clanet.workbench.workspace;

import org.clanet.workbench.io.AtomicFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchStoreTest {

    @TempDir
    Path tmp;
    Workspace ws;
    PatchStore store;

    @BeforeEach
    void open() throws IOException {
        ws = Workspace.open(Files.createDirectories(tmp.resolve("dataset")), null);
        store = ws.patches();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    static List<StoredPatch> patches(int n, int seed) {
        List<StoredPatch> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            out.add(new StoredPatch(r, seed + r, 2 * seed + r, 112, 112, 1.0 - r / (double) (n + 1)));
        }
        return out;
    }

    @Test
    void putThenGetRoundTripsInRankOrder() {
        List<StoredPatch> given = List.of(new StoredPatch(2, 5, 6, 112, 112, 0.25),
                new StoredPatch(0, 1, 2, 112, 112, 0.75), new StoredPatch(1, 3, 4, 100, 90, 0.5));
        store.put("A549/batch_1/images/f1.tif", "k1", given);
        assertEquals(List.of(given.get(1), given.get(2), given.get(0)), store.get("A549/batch_1/images/f1.tif"));
        assertTrue(store.hasPatches("A549/batch_1/images/f1.tif"));
        assertTrue(ws.isFresh(PatchStore.STAGE, "A549/batch_1/images/f1.tif", "k1"), "put marks the frame done");
    }

    @Test
    void unknownFrameHasNothing() {
        assertEquals(List.of(), store.get("nope.tif"));
        assertFalse(store.hasPatches("nope.tif"));
        assertEquals(Map.of(), store.all());
    }

    @Test
    void putReplacesTheFramesPatchesAndKey() {
        store.put("f1.tif", "k1", patches(20, 1));
        store.put("f2.tif", "k1", patches(3, 2));
        store.put("f1.tif", "k2", patches(5, 9));
        assertEquals(patches(5, 9), store.get("f1.tif"));
        assertEquals(patches(3, 2), store.get("f2.tif"), "other frames untouched");
        assertFalse(ws.isFresh("select", "f1.tif", "k1"));
        assertTrue(ws.isFresh("select", "f1.tif", "k2"));
    }

    @Test
    void emptyResultIsDoneButHasNoPatches() {
        store.put("f1.tif", "k1", patches(4, 1));
        store.put("f1.tif", "k2", List.of());
        assertFalse(store.hasPatches("f1.tif"));
        assertEquals(List.of(), store.get("f1.tif"));
        assertTrue(ws.isFresh("select", "f1.tif", "k2"));
        assertFalse(store.all().containsKey("f1.tif"));
    }

    @Test
    void allGroupsByFrameSortedByPath() {
        store.put("b/f.tif", "k", patches(2, 1));
        store.put("a/f.tif", "k", patches(3, 2));
        Map<String, List<StoredPatch>> all = store.all();
        assertEquals(List.of("a/f.tif", "b/f.tif"), new ArrayList<>(all.keySet()));
        assertEquals(patches(3, 2), all.get("a/f.tif"));
        assertEquals(patches(2, 1), all.get("b/f.tif"));
        assertThrows(UnsupportedOperationException.class, () -> all.get("a/f.tif").clear());
    }

    @Test
    void duplicateRanksAreRefusedAndChangeNothing() {
        store.put("f1.tif", "k1", patches(2, 1));
        List<StoredPatch> dup = List.of(new StoredPatch(0, 1, 1, 112, 112, 0.5), new StoredPatch(0, 2, 2, 112, 112, 0.4));
        assertThrows(IllegalArgumentException.class, () -> store.put("f1.tif", "k2", dup));
        assertEquals(patches(2, 1), store.get("f1.tif"));
        assertTrue(ws.isFresh("select", "f1.tif", "k1"));
    }

    @Test
    void storedPatchValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new StoredPatch(-1, 0, 0, 112, 112, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StoredPatch(0, 0, 0, 0, 112, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StoredPatch(0, 0, 0, 112, -3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StoredPatch(0, 0, 0, 112, 112, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new StoredPatch(0, 0, 0, 112, 112, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> store.get(" "));
        assertThrows(NullPointerException.class, () -> store.put("f.tif", null, List.of()));
    }

    @Test
    void maskFileLivesUnderFilesMasks() throws IOException {
        Path mask = store.maskFile("A549/batch_1/images/f1.tif");
        assertEquals(ws.filesDir().resolve("masks/A549/batch_1/images/f1.tif.png"), mask);
        assertFalse(Files.exists(mask.getParent()), "asking creates nothing");
        AtomicFiles.write(mask, new byte[] {1});
        assertTrue(Files.isRegularFile(mask));
        assertThrows(IllegalArgumentException.class, () -> store.maskFile("../../../etc/x"));
    }

    @Test
    void manyWorkerThreadsCanWriteAndReadAtOnce() throws Exception {
        int threads = 8;
        int framesPerThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    long run = ws.runLog().startRun("select", "{\"worker\":" + thread + "}");
                    for (int i = 0; i < framesPerThread; i++) {
                        String frame = "t" + thread + "/f" + i + ".tif";
                        if (!ws.isFresh("select", frame, "k")) {
                            store.put(frame, "k", patches(10, i));
                        }
                        assertEquals(patches(10, i), store.get(frame));
                    }
                    ws.runLog().finishRun(run, RunStatus.SUCCEEDED, null);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<StoredPatch>> all = store.all();
        assertEquals(threads * framesPerThread, all.size());
        assertEquals(patches(10, 7), all.get("t3/f7.tif"));
        assertEquals(threads * framesPerThread, ws.stageCache().doneCount("select"));
        assertTrue(ws.runLog().runs().stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED));
    }

    /** A full dataset's worth of frames, one transaction each, must be quick (seen: ~2 s on 2 cores). */
    @Test
    void tenThousandFramesAreFastEnough() {
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            store.put("L" + (i % 10) + "/batch_1/images/f" + i + ".tif", "k", patches(20, i));
        }
        long putMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        Map<String, List<StoredPatch>> all = store.all();
        long allMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(10_000, all.size());
        assertEquals(patches(20, 1234), all.get("L4/batch_1/images/f1234.tif"));
        assertTrue(putMillis < 15_000, "10,000 puts took " + putMillis + " ms");
        assertTrue(allMillis < 5_000, "reading 200,000 patches took " + allMillis + " ms");
        System.out.printf("10,000 frames x 20 patches: put %d ms, all() %d ms%n", putMillis, allMillis);
    }
}
