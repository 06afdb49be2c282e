package org.clanet.workbench.mil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MilParametersTest {

    @Test
    void defaultsArePublished() {
        MilParameters p = MilParameters.DEFAULTS;
        assertEquals(2000, p.epochs());
        assertEquals(32, p.batchSize());
        assertEquals(5e-4, p.learningRate());
        assertEquals(0.9, p.momentum());
        assertEquals(5e-4, p.weightDecay());
        assertEquals(128, p.attentionDim());
        assertEquals(10, p.patchesPerFrame());
        assertEquals(3, p.minFrames());
        assertEquals(5, p.validateEvery());
        assertEquals(5, p.warmupEpochs());
    }

    @Test
    void everyNameIsOverridableInAnySpelling() {
        MilParameters p = MilParameters.DEFAULTS;
        for (String name : p.asMap().keySet()) {
            Object v = p.asMap().get(name);
            String newValue = v instanceof Double ? "0.125" : name.equals("standardiseFeatures") ? "0" : "7";
            Object want = v instanceof Double ? (Object) 0.125 : name.equals("standardiseFeatures") ? (Object) 0
                    : v instanceof Long ? (Object) 7L : (Object) 7;
            assertEquals(want,
                    p.with(name, newValue).asMap().get(name), name);
        }
        assertEquals(0.01, p.with("learning-rate", "0.01").learningRate());
        assertEquals(0.01, p.with("lr", "0.01").learningRate());
        assertEquals(16, p.with("batch_size", "16").batchSize());
        assertEquals(List.of("epochs", "batchSize", "learningRate", "momentum", "weightDecay", "attentionDim",
                "patchesPerFrame", "minFrames", "warmupEpochs", "validateEvery", "checkpointEvery",
                "validationFraction", "seed", "instanceLossWeight", "standardiseFeatures", "settlingHours"),
                List.copyOf(p.asMap().keySet()));
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MilParameters.DEFAULTS.with("dropout", "0.1"));
        assertTrue(unknown.getMessage().contains("unknown MIL parameter 'dropout'"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> MilParameters.DEFAULTS.with("epochs", "many"));
        assertTrue(nan.getMessage().contains("epochs needs a int"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MilParameters.DEFAULTS.with("epochs", "0"));
        assertThrows(IllegalArgumentException.class, () -> MilParameters.DEFAULTS.with("momentum", "1.5"));
    }
}
