package org.clanet.workbench.embedding.dino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.clanet.workbench.embedding.vit.Tensors;
import org.junit.jupiter.api.Test;

/**
 * The KoLeo term against DINOv2's KoLeoLoss in PyTorch 1.13 on five fixed 4-d vectors (value and gradient,
 * printed by the snippet in docs/EMBEDDING.md "KoLeo"): F.normalize, nearest other vector by cosine,
 * -mean log distance.
 */
class KoleoTest {

    private static final float[] X = {0.3f, -1.2f, 0.5f, 2.0f, 1.1f, 0.4f, -0.7f, 0.2f, 0.2f, -1.0f, 0.6f, 1.7f,
            -0.5f, 0.9f, 1.3f, -0.4f, 1.0f, 0.5f, -0.9f, 0.1f};
    private static final double LOSS = 1.5565769672393799;
    private static final double[] GRAD = {-0.5867665410041809, 0.30398795008659363, 1.7461603879928589,
            -0.16613231599330902, -0.7772766351699829, 0.5393346548080444, -1.0945324897766113, -0.6345115900039673,
            0.692125141620636, -0.43209922313690186, -1.9466224908828735, 0.3514406979084015, 0.0010231975466012955,
            -0.01627810113132, 0.022603290155529976, 0.03555600717663765, 0.9522271156311035, -0.4280652105808258,
            0.8910750150680542, 0.6377301812171936};

    @Test
    void valueAndGradientEqualPyTorch() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Tensors.torchOwned(m, X, new Shape(5, 4));
            x.setRequiresGradient(true);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = DinoLoss.koleo(x);
                gc.backward(l);
                loss = l.getFloat();
            }
            assertEquals(LOSS, loss, 1e-6);
            float[] g = x.getGradient().toFloatArray();
            for (int i = 0; i < GRAD.length; i++) {
                assertEquals(GRAD[i], g[i], 1e-5, "gradient " + i);
            }
        }
    }

    @Test
    void spreadVectorsScoreLowerThanCollapsedOnes() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray spread = m.eye(4);
            NDArray nearlyCollapsed = m.ones(new Shape(4, 4)).add(m.eye(4).mul(0.01f));
            assertTrue(DinoLoss.koleo(spread).getFloat() < DinoLoss.koleo(nearlyCollapsed).getFloat());
        }
    }

    @Test
    void negativeWeightIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DinoParameters.published().with("koleo_weight", -0.1));
        assertEquals(0.0, DinoParameters.published().koleoWeight(), "published DINO has no KoLeo term");
    }
}
