package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.junit.jupiter.api.Test;

/** Device selection and the pre-run time estimate. */
class DeviceChoiceTest {

    @Test
    void cpuAutoAndGpuChoices() {
        assertEquals(Device.cpu(), DeviceChoice.resolve("cpu"));
        Device auto = DeviceChoice.resolve("auto");
        boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        assertEquals(gpu, auto.isGpu());
        if (!gpu) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve("gpu"));
            assertTrue(e.getMessage().contains("no GPU"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve("tpu"));
        assertTrue(DeviceChoice.describe(Device.cpu()).startsWith("PyTorch 2.7.1 · CPU"));
    }

    @Test
    void fingerprintFollowsContent() throws Exception {
        String a = PatchEncoders.fingerprint(VitParityTest.RES.resolve("vit_p16_d48.npz"));
        String b = PatchEncoders.fingerprint(VitParityTest.RES.resolve("vit_p8_d48.npz"));
        assertTrue(a.matches("sha256:[0-9a-f]{16}"), a);
        assertTrue(!a.equals(b));
        assertEquals(a, PatchEncoders.fingerprint(VitParityTest.RES.resolve("vit_p16_d48.npz")));
    }

    @Test
    void timedFirstStepEstimatesAnEpoch() {
        DinoPretrainer t = new DinoPretrainer(DinoPretrainerTest.TINY, DinoPretrainerTest.params(1), "cpu");
        double s = t.estimateSecondsPerStep(DinoPretrainerTest.DATA);
        assertTrue(s > 0 && s < 120, "seconds per step " + s);
        assertEquals(4, t.stepsPerEpoch(DinoPretrainerTest.DATA.size()));
        assertTrue(t.deviceDescription().contains("CPU"));
    }
}
