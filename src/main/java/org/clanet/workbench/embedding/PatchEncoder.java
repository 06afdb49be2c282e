package org.clanet.workbench.embedding;

import java.util.List;

/**
 * Turns 112x112 gray patches into feature vectors. The plain-Java face of the embedding stage: callers
 * (workspace stage, MIL, app) never see DJL. Implementations are deterministic for a given encoder and
 * batch internally; not thread-safe (one caller at a time).
 */
public interface PatchEncoder extends AutoCloseable {

    /** Feature width (4 x 384 = 1536 for ViT-S/8). */
    int dim();

    /** Side of the square patches {@link #encode} expects (112). */
    int inputSize();

    /** Human-readable identity, e.g. "ViT cpu (192-d, 6 blocks) from encoder.npz · PyTorch 2.7.1 · CPU". */
    String description();

    /**
     * @param patches each inputSize*inputSize gray values in [0,1], row-major; replicated to 3 channels,
     *                no normalisation (METHOD appendix "Pixels" fix)
     * @return one feature row per patch, in order
     */
    float[][] encode(List<float[]> patches);

    @Override
    void close();
}
