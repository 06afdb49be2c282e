package org.clanet.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.embedding.vit.Tensors;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The imported encoder computes what the published PyTorch ViT computes: reference outputs from
 * tools/embedding/make_vit_reference.py (published vision_transformer.py, torch 1.13), same weights and
 * patches, max abs difference <= 1e-4 for get_intermediate_layers(x, 4) class tokens and forward(x), at 112
 * (14x14 grid from a 28x28 or 14x14 pos_embed) and 32 (4x4 / 2x2, bicubic interpolation with +0.1).
 */
class VitParityTest {

    static final Path RES = Path.of("src/test/resources/embedding");

    @ParameterizedTest
    @CsvSource({"vit_p8_d48, 2, 112", "vit_p8_d48, 2, 32", "vit_p16_d48, 3, 112", "vit_p16_d48, 3, 32"})
    void importedEncoderMatchesPublishedPytorch(String name, int heads, int size) throws Exception {
        EncoderWeights w = EncoderWeights.read(RES.resolve(name + ".npz"), OptionalInt.of(heads));
        Map<String, NpyArray> io = Npz.read(RES.resolve(name + "_io.npz"));
        NpyArray input = io.get("input_" + size);
        try (NDManager root = NDManager.newBaseManager();
             VisionTransformer vit = VisionTransformer.fromValues(w.config(), w.weights(), root);
             NDManager m = root.newSubManager()) {
            int n = (int) input.shape()[0];
            NDArray x = m.create(input.data(), new Shape(n, 1, size, size));
            float[] cls4 = Tensors.toFloats(vit.intermediateClassTokens(x, 4));
            float[] fwd = Tensors.toFloats(vit.forward(x, null));
            double d1 = maxAbs(cls4, io.get("cls4_" + size).data());
            double d2 = maxAbs(fwd, io.get("forward_" + size).data());
            assertTrue(d1 <= 1e-4, name + " " + size + ": intermediate class tokens differ by " + d1);
            assertTrue(d2 <= 1e-4, name + " " + size + ": forward differs by " + d2);
            // same through the 3-channel path (the published input layout)
            NDArray x3 = x.repeat(1, 3);
            double d3 = maxAbs(Tensors.toFloats(vit.intermediateClassTokens(x3, 4)), io.get("cls4_" + size).data());
            assertTrue(d3 <= 1e-4, "3-channel input differs by " + d3);
            int g = size / w.config().patchSize();
            float[] pos = Tensors.toFloats(vitPos(vit, m, g, size));
            double d4 = maxAbs(pos, io.get("pos_" + size).data());
            assertTrue(d4 <= 1e-5, "position embedding interpolation differs by " + d4);
            System.out.printf("parity %s @%d: cls4 %.2e forward %.2e pos %.2e%n", name, size, d1, d2, d4);
        }
    }

    private static NDArray vitPos(VisionTransformer vit, NDManager m, int g, int size) {
        return org.clanet.workbench.embedding.vit.VitTestAccess.positionEmbedding(vit, m, g, size);
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(b.length, a.length, "length");
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
