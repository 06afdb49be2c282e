package org.clanet.workbench.embedding.bench;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clanet.workbench.embedding.dino.DinoListener;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.vit.VitConfig;
import org.clanet.workbench.pipeline.Cancellation;

/** Prints a tiny DINO loss curve on synthetic patches; args: k=v parameter overrides. */
public final class DinoCurve {
    public static void main(String[] args) throws Exception {
        VitConfig c = new VitConfig("test-tiny", 16, 32, 2, 2, 4, 224, 0.1, 64, 32, 256);
        DinoParameters p = DinoParameters.published().with("epochs", 16).with("batch_size", 8).with("lr", 0.02)
                .with("local_crops_number", 4).withAll(List.of(args));
        var data = Class.forName("org.clanet.workbench.embedding.SyntheticPatches").getDeclaredConstructor(int.class, long.class);
        data.setAccessible(true);
        var src = (org.clanet.workbench.embedding.dino.PatchSource) data.newInstance(32, 3L);
        Path dir = Files.createTempDirectory("dinocurve");
        var r = new DinoPretrainer(c, p, Device.cpu()).train(src, dir, new DinoListener() {
            @Override
            public void onEpoch(Epoch e) {
                System.out.printf("epoch %d loss %.4f %.1fs%n", e.epoch(), e.meanLoss(), e.seconds());
            }
        }, Cancellation.none());
    }
}
