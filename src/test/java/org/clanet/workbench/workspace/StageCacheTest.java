package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;




import java.util.List;
import java.util.Map;



import org.junit.jupiter.api.Test;


class StageCacheTest extends OpenWorkspaceTest {

    @Test
    void unknownItemIsNotFresh() {
        assertFalse(ws.isFresh("mask", "A/f1.tif", "abc"));
        assertEquals(0, ws.stageCache().doneCount("mask"));
    }

    @Test
    void freshOnlyUnderTheSameKey() {
        ws.markDone("mask", "A/f1.tif", "key-1");
        assertTrue(ws.isFresh("mask", "A/f1.tif", "key-1"));
        assertFalse(ws.isFresh("mask", "A/f1.tif", "key-2"), "parameters or inputs changed");
        assertFalse(ws.isFresh("select", "A/f1.tif", "key-1"), "other stage");
        assertFalse(ws.isFresh("mask", "A/f2.tif", "key-1"), "other item");

        ws.markDone("mask", "A/f1.tif", "key-2");
        assertTrue(ws.isFresh("mask", "A/f1.tif", "key-2"));
        assertFalse(ws.isFresh("mask", "A/f1.tif", "key-1"), "re-running replaced the old key");
        assertEquals(1, ws.stageCache().doneCount("mask"));
    }

    @Test
    void realKeysFollowParameterChanges() {
        String before = CacheKey.of("mask", 1, Map.of("threshold", 0.3, "minArea", 50), List.of());
        ws.markDone("mask", "A/f1.tif", before);
        String reordered = CacheKey.of("mask", 1, Map.of("minArea", 50, "threshold", 0.3), List.of());
        String changed = CacheKey.of("mask", 1, Map.of("minArea", 50, "threshold", 0.4), List.of());
        assertTrue(ws.isFresh("mask", "A/f1.tif", reordered));
        assertFalse(ws.isFresh("mask", "A/f1.tif", changed));
    }

    @Test
    void invalidateForgetsOneStageOnly() {
        ws.markDone("mask", "a", "k");
        ws.markDone("mask", "b", "k");
        ws.markDone("select", "a", "k");
        ws.invalidate("mask");
        assertFalse(ws.isFresh("mask", "a", "k"));
        assertFalse(ws.isFresh("mask", "b", "k"));
        assertTrue(ws.isFresh("select", "a", "k"));
        assertEquals(0, ws.stageCache().doneCount("mask"));

        ws.stageCache().invalidate("select", "a");
        assertFalse(ws.isFresh("select", "a", "k"));
    }

    @Test
    void markDoneInsideAFailedTransactionIsNotRecorded() {
        assertThrows(IllegalStateException.class, () -> ws.runInTransaction(c -> {
            ws.stageCache().markDone(c, "embed", "seq1", "k");
            throw new IllegalStateException("stage failed after writing part of its results");
        }));
        assertFalse(ws.isFresh("embed", "seq1", "k"));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> ws.markDone(null, "a", "k"));
        assertThrows(NullPointerException.class, () -> ws.isFresh("s", null, "k"));
        assertThrows(NullPointerException.class, () -> ws.isFresh("s", "a", null));
    }
}
