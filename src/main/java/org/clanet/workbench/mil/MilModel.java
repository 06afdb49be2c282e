package org.clanet.workbench.mil;

import java.util.List;

/** A trained MIL aggregator behind plain Java types: callers never see the engine. */
public interface MilModel extends AutoCloseable {

    int inputDim();

    List<String> classes();

    /**
     * @param instances N × inputDim features of one bag, frames in time order × each frame's patches
     * @throws IllegalArgumentException for an empty bag or rows of the wrong length
     */
    MilOutput predict(float[][] instances);

    /** The current parameters (a copy), e.g. to export as .npz. */
    MilWeights weights();

    @Override
    void close();
}
