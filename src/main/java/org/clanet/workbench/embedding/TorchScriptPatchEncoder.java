package org.clanet.workbench.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.clanet.workbench.embedding.vit.Tensors;

/**
 * A TorchScript feature extractor run through DJL (inference mode, frozen). Contract of the file (see
 * docs/EMBEDDING.md for the few Python lines that make one from a DINO checkpoint): {@code forward(x)}
 * takes (B, 3, 112, 112) float32 in [0,1] and returns (B, F) features.
 */
public final class TorchScriptPatchEncoder implements PatchEncoder {

    private final Model model;
    private final ParameterStore store;
    private final int batchSize;
    private final int dim;
    private final String description;

    private TorchScriptPatchEncoder(Model model, int batchSize, int dim, String description) {
        this.model = model;
        this.store = new ParameterStore(model.getNDManager(), false);
        this.batchSize = batchSize;
        this.dim = dim;
        this.description = description;
    }

    public static TorchScriptPatchEncoder open(Path file, Device device, int batchSize) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such TorchScript file");
        }
        Model model = Model.newInstance("encoder", device, "PyTorch");
        try {
            String name = file.getFileName().toString();
            model.load(file.toAbsolutePath().getParent(), name, Map.of("mapLocation", "true"));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException(file + " is not a loadable TorchScript module: " + e.getMessage(), e);
        }
        TorchScriptPatchEncoder probe = new TorchScriptPatchEncoder(model, batchSize, -1, "");
        float[][] one;
        try {
            one = probe.run(List.of(new float[VitPatchEncoder.PATCH_SIZE * VitPatchEncoder.PATCH_SIZE]));
        } catch (RuntimeException e) {
            model.close();
            throw new IOException(file + ": forward on a (1, 3, 112, 112) input failed (expected a module returning"
                    + " (B, F) features): " + e.getMessage(), e);
        }
        return new TorchScriptPatchEncoder(model, batchSize, one[0].length,
                "TorchScript " + file.getFileName() + " · " + DeviceChoice.describe(device));
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int inputSize() {
        return VitPatchEncoder.PATCH_SIZE;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public float[][] encode(List<float[]> patches) {
        return run(patches);
    }

    private float[][] run(List<float[]> patches) {
        int side = VitPatchEncoder.PATCH_SIZE;
        int area = side * side;
        float[][] out = new float[patches.size()][];
        Tensors.gradOff();
        for (int start = 0; start < patches.size(); start += batchSize) {
            int n = Math.min(batchSize, patches.size() - start);
            float[] flat = new float[n * area];
            for (int i = 0; i < n; i++) {
                float[] p = patches.get(start + i);
                if (p.length != area) {
                    throw new IllegalArgumentException("patch " + (start + i) + " has " + p.length + " values");
                }
                System.arraycopy(p, 0, flat, i * area, area);
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.create(flat, new Shape(n, 1, side, side)).repeat(1, 3);
                NDArray y = model.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
                y.attach(m);
                if (y.getShape().dimension() != 2 || y.getShape().get(0) != n) {
                    throw new IllegalStateException("module returned shape " + y.getShape() + ", expected (" + n + ", F)");
                }
                int d = (int) y.getShape().get(1);
                float[] f = Tensors.toFloats(y);
                for (int i = 0; i < n; i++) {
                    out[start + i] = Arrays.copyOfRange(f, i * d, (i + 1) * d);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
