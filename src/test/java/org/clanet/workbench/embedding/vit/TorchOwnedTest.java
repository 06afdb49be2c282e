package org.clanet.workbench.embedding.vit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Constants inside a recorded graph survive a garbage collection between forward and backward. With
 * DJL's own {@code x.mul(0.125)} the first test's sequence gives a gradient of 0.0 instead of 0.125 (the
 * scalar's direct buffer is freed and reused), which is what made DINO training steps differ from PyTorch
 * now and then (DinoStepParityTest).
 */
class TorchOwnedTest {

    @Test
    void constantsInTheGraphSurviveGarbageCollectionBeforeBackward() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y;
                try (NDManager block = m.newSubManager()) { // closed before backward, like a ViT block's
                    NDArray scaled = x.mul(Tensors.scalar(block, 0.125));
                    y = scaled.mul(Tensors.torchOwned(block, new float[] {2, 3, 4}, new Shape(3))).sum();
                    y.attach(m);
                }
                collectAndReuseFreedBuffers();
                gc.backward(y);
            }
            assertArrayEquals(new float[] {0.25f, 0.375f, 0.5f}, x.getGradient().toFloatArray(), 0f);
        }
    }

    /** The ViT's attention scale, position-embedding resize and stochastic-depth masks are all in the graph. */
    @Test
    void vitGradientsWithStochasticDepthDoNotDependOnTheGarbageCollector() throws InterruptedException {
        VitConfig c = new VitConfig("gc", 16, 32, 3, 2, 4, 224, 0.5, 64, 32, 128);
        Map<String, float[]> quiet = gradients(c, false);
        Map<String, float[]> underPressure = gradients(c, true);
        double moved = 0;
        for (String k : quiet.keySet()) {
            assertArrayEquals(quiet.get(k), underPressure.get(k), 0f, k);
            for (float g : quiet.get(k)) {
                moved = Math.max(moved, Math.abs(g));
            }
        }
        assertTrue(moved > 0, "no gradient at all");
    }

    private static Map<String, float[]> gradients(VitConfig c, boolean pressure) throws InterruptedException {
        Tensors.gradOff();
        try (NDManager root = NDManager.newBaseManager();
             VisionTransformer vit = VisionTransformer.initialise(c, 3, root);
             NDManager m = root.newSubManager()) {
            vit.parameters().values().forEach(p -> p.setRequiresGradient(true));
            float[] pixels = Tensors.uniform(new SplittableRandom(5), 8 * 112 * 112, 0.5);
            NDArray x = m.create(pixels, new Shape(8, 1, 112, 112));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = vit.forward(x, new SplittableRandom(11));
                if (pressure) {
                    collectAndReuseFreedBuffers();
                }
                gc.backward(out.square().sum());
            }
            Tensors.gradOff();
            Map<String, float[]> grads = new LinkedHashMap<>();
            vit.parameters().forEach((k, p) -> grads.put(k, Tensors.toFloats(p.getGradient())));
            return grads;
        }
    }

    /** Runs the GC (and with it the direct buffers' cleaners), then fills small fresh buffers with junk. */
    private static void collectAndReuseFreedBuffers() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            b.putFloat(0, 12345f).putFloat(4, 12345f).putFloat(8, 12345f);
            junk.add(b);
        }
        junk.clear();
    }
}
