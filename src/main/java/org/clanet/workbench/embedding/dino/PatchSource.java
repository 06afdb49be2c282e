package org.clanet.workbench.embedding.dino;

/** Training patches for DINO: {@link #size()} gray 112x112 patches, values in [0,1], row-major. */
public interface PatchSource {

    int size();

    /** Side of every patch (112). */
    default int patchSize() {
        return 112;
    }

    float[] patch(int index);
}
