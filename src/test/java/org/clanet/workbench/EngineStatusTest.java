package org.clanet.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clanet.workbench.embedding.EngineStatus;
import org.junit.jupiter.api.Test;

/** The PyTorch natives come from Maven (no download): the engine must load offline. */
class EngineStatusTest {
    @Test
    void pytorchLoadsOfflineFromTheBundledNatives() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests run DJL offline");
        EngineStatus s = EngineStatus.probe();
        assertTrue(s.available(), s.detail());
        assertEquals("2.7.1", s.version());
        assertTrue(s.label().startsWith("PyTorch 2.7.1 · "), s.label());
    }
}
