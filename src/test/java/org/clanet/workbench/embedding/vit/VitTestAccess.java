package org.clanet.workbench.embedding.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Test access to package-private parts of the ViT. */
public final class VitTestAccess {
    private VitTestAccess() {
    }

    public static NDArray positionEmbedding(VisionTransformer vit, NDManager m, int grid, int size) {
        return vit.positionEmbedding(m, grid, grid, size, size);
    }
}
