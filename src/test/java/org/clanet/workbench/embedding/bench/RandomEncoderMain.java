package org.clanet.workbench.embedding.bench;

import java.nio.file.Path;

import ai.djl.ndarray.NDManager;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;

/**
 * Writes a randomly initialised encoder of a preset (published initialisation, seeded) as .npz: the baseline that
 * shows what pretraining adds. {@code RandomEncoderMain OUT.npz [preset] [seed] [per-patch]} (per-patch: inputs
 * standardised per patch, {@link VitConfig#PER_PATCH}).
 */
public final class RandomEncoderMain {

    private RandomEncoderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        VitConfig c = VitConfig.preset(args.length > 1 ? args[1] : "cpu");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
        if (args.length > 3 && args[3].equals("per-patch")) {
            c = c.withInputNormalisation(0, VitConfig.PER_PATCH);
        }
        try (NDManager m = NDManager.newBaseManager(); VisionTransformer vit = VisionTransformer.initialise(c, seed, m)) {
            EncoderWeights.write(out, c, vit.values());
        }
        System.out.println("wrote " + out + " (" + c.describe() + ", random weights, seed " + seed + ")");
    }
}
