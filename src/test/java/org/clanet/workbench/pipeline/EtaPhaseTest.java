package org.clanet.workbench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One progress line over several phases (frames, then epochs): each phase gets its own rate. */
class EtaPhaseTest {

    @Test
    void aNewTotalStartsANewEstimate() {
        long s = 1_000_000_000L;
        Eta eta = new Eta(s);
        assertEquals(Duration.ofSeconds(1), eta.update(100, 200, s + 1_000_000_000L)); // frames: 100 per second
        eta.update(200, 200, s + 2_000_000_000L);
        // Epochs: 1 per 10 s. With the old rate the ETA would be ~0 s.
        eta.update(1, 300, s + 12_000_000_000L);
        Duration left = eta.update(2, 300, s + 22_000_000_000L);
        assertTrue(left.toSeconds() > 1000, "ETA from the epochs' own rate: " + left);
    }
}
