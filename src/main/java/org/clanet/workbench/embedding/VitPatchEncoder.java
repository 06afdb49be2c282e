package org.clanet.workbench.embedding;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.clanet.workbench.embedding.io.EncoderWeights;
import org.clanet.workbench.embedding.vit.Tensors;
import org.clanet.workbench.embedding.vit.VisionTransformer;
import org.clanet.workbench.embedding.vit.VitConfig;

/**
 * CLANet's features from this app's ViT: the class tokens of the last {@value #LAST_BLOCKS} blocks (each
 * after the final norm) concatenated, for 112x112 gray patches, in batches with a sub-manager per batch.
 */
public final class VitPatchEncoder implements PatchEncoder {

    public static final int LAST_BLOCKS = 4;
    public static final int PATCH_SIZE = 112;

    private final NDManager root;
    private final VisionTransformer vit;
    private final int batchSize;
    private final String description;
    private final int blocks;

    public VitPatchEncoder(VitConfig config, Map<String, float[]> weights, Device device, int batchSize, String origin) {
        this.root = NDManager.newBaseManager(device);
        this.vit = VisionTransformer.fromValues(config, weights, root);
        this.batchSize = batchSize;
        this.blocks = Math.min(LAST_BLOCKS, config.depth());
        this.description = "ViT " + config.name() + " (" + config.embedDim() + "-d, " + config.depth() + " blocks, patch "
                + config.patchSize() + ") from " + origin + " · " + DeviceChoice.describe(device);
    }

    /** Opens a published-name .npz (see {@link EncoderWeights#read}). */
    public static VitPatchEncoder open(Path npz, OptionalInt heads, Device device, int batchSize) throws IOException {
        EncoderWeights w = EncoderWeights.read(npz, heads);
        return new VitPatchEncoder(w.config(), w.weights(), device, batchSize, npz.getFileName().toString());
    }

    public VitConfig config() {
        return vit.config();
    }

    @Override
    public int dim() {
        return vit.config().featureDim(blocks);
    }

    @Override
    public int inputSize() {
        return PATCH_SIZE;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public float[][] encode(List<float[]> patches) {
        int side = PATCH_SIZE;
        int area = side * side;
        float[][] out = new float[patches.size()][];
        Tensors.gradOff();
        for (int start = 0; start < patches.size(); start += batchSize) {
            int n = Math.min(batchSize, patches.size() - start);
            float[] flat = new float[n * area];
            for (int i = 0; i < n; i++) {
                float[] p = patches.get(start + i);
                if (p.length != area) {
                    throw new IllegalArgumentException("patch " + (start + i) + " has " + p.length + " values, expected "
                            + side + "x" + side);
                }
                System.arraycopy(p, 0, flat, i * area, area);
            }
            try (NDManager m = root.newSubManager()) {
                NDArray x = m.create(flat, new Shape(n, 1, side, side));
                float[] f = Tensors.toFloats(vit.intermediateClassTokens(x, blocks));
                int d = dim();
                for (int i = 0; i < n; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(f, i * d, (i + 1) * d);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        vit.close();
        root.close();
    }
}
