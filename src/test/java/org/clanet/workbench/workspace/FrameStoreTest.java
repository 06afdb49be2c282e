package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;




import java.util.List;
import java.util.Optional;



import org.junit.jupiter.api.Test;


class FrameStoreTest extends OpenWorkspaceTest {

    private static StoredFrame frame(String path, String seq, long t) {
        return new StoredFrame(path, "A549", "batch_1", seq, t, 1408, 1040, 8);
    }

    @Test
    void putAllThenReadBack() {
        StoredFrame a = frame("A549/batch_1/images/VID1_A1_1_00d04h00m.tif", "A549/batch_1/A1_1", 240);
        StoredFrame b = frame("A549/batch_1/images/VID1_A1_1_00d00h00m.tif", "A549/batch_1/A1_1", 0);
        StoredFrame c = frame("A549/batch_1/images/VID1_B2_1_00d00h00m.tif", "A549/batch_1/B2_1", 0);
        ws.frames().putAll(List.of(a, b, c));
        assertEquals(Optional.of(a), ws.frames().get(a.relPath()));
        assertEquals(Optional.empty(), ws.frames().get("nope.tif"));
        assertEquals(List.of(b, a), ws.frames().sequence("A549/batch_1/A1_1"), "time order");
        assertEquals(List.of(b, a, c), ws.frames().all(), "path order");
    }

    @Test
    void rescanUpdatesMetadataAndKeepsPatches() {
        ws.frames().putAll(List.of(frame("f1.tif", "s", 0)));
        ws.patches().put("f1.tif", "k", PatchStoreTest.patches(3, 1));
        StoredFrame updated = new StoredFrame("f1.tif", "HeLa", "batch_2", "s2", 60, 512, 512, 16);
        ws.frames().putAll(List.of(updated));
        assertEquals(Optional.of(updated), ws.frames().get("f1.tif"));
        assertEquals(PatchStoreTest.patches(3, 1), ws.patches().get("f1.tif"), "upsert must not cascade-delete");
    }

    @Test
    void framesKnownOnlyThroughPatchesHaveUnknownMetadata() {
        ws.patches().put("x.tif", "k", PatchStoreTest.patches(1, 1));
        assertEquals(Optional.of(new StoredFrame("x.tif", null, null, null, -1, -1, -1, -1)), ws.frames().get("x.tif"));
        ws.frames().putAll(List.of());
        assertTrue(ws.frames().sequence("none").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new StoredFrame(" ", null, null, null, 0, 1, 1, 8));
    }
}
