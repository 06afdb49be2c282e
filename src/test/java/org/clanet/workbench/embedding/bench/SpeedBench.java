package org.clanet.workbench.embedding.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clanet.workbench.embedding.VitPatchEncoder;
import org.clanet.workbench.embedding.dino.DinoParameters;
import org.clanet.workbench.embedding.dino.DinoPretrainer;
import org.clanet.workbench.embedding.dino.PatchSource;
import org.clanet.workbench.embedding.dino.ProcessMemory;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;

/**
 * DJL side of the speed comparison (tools/embedding/vit_speed.py is the PyTorch side): per preset,
 * extraction patches/s (112x112, batch B, last-4 class tokens) and one DINO step (2 global + 8 local crops,
 * teacher, loss, backward, AdamW, EMA; the time includes this app's Java multi-crop augmentation).
 *
 * <pre>java ... SpeedBench [batch] [presets...]</pre>
 */
public final class SpeedBench {

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        List<String> presets = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("cpu", "tiny/16", "small/8");
        SplittableRandom r = new SplittableRandom(1);
        List<float[]> patches = new ArrayList<>();
        for (int i = 0; i < batch * 4; i++) {
            float[] p = new float[112 * 112];
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) r.nextDouble();
            }
            patches.add(p);
        }
        PatchSource src = new PatchSource() {
            @Override
            public int size() {
                return patches.size();
            }

            @Override
            public float[] patch(int index) {
                return patches.get(index);
            }
        };
        for (String name : presets) {
            VitConfig c = VitConfig.preset(name);
            Map<String, float[]> w;
            try (NDManager m = NDManager.newBaseManager(); VisionTransformer v = VisionTransformer.initialise(c, 0, m)) {
                w = v.values();
            }
            double ext;
            double extCpu;
            try (VitPatchEncoder enc = new VitPatchEncoder(c, w, Device.cpu(), batch, "random")) {
                enc.encode(patches.subList(0, batch)); // warm-up
                long t0 = System.nanoTime();
                double c0 = KnnBench.cpuSeconds();
                enc.encode(patches.subList(0, batch * 3));
                ext = batch * 3 / ((System.nanoTime() - t0) / 1e9);
                extCpu = batch * 3 / (KnnBench.cpuSeconds() - c0);
            }
            long peakExtract = ProcessMemory.peakRssBytes();
            if (Boolean.getBoolean("speed.noStep")) {
                System.out.printf("djl %s: extraction %.1f patches/s (%.1f per CPU-s), DINO step not run, load %s,"
                        + " peak RSS %d MB%n", name, ext, extCpu, KnnBench.loadAverage(), peakExtract >> 20);
                continue;
            }
            DinoParameters p = DinoParameters.published().with("batch_size", batch);
            double cpu0 = KnnBench.cpuSeconds();
            double step = new DinoPretrainer(c, p, Device.cpu()).estimateSecondsPerStep(src);
            double stepCpu = (KnnBench.cpuSeconds() - cpu0) / 2; // two steps run, mean CPU per step
            System.out.printf("djl pytorch-native %s threads %d %s: extraction %.1f patches/s (%.1f per CPU-s), DINO step %.2f s (CPU %.2f s/step, batch %d)"
                            + " load %s peak RSS %d MB (after extraction %d MB)%n",
                    ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), numThreads(), name, ext, extCpu, step, stepCpu, batch,
                    KnnBench.loadAverage(), ProcessMemory.peakRssBytes() >> 20, peakExtract >> 20);
        }
    }

    static int numThreads() {
        try {
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (Throwable t) {
            return -1;
        }
    }
}
