package org.clanet.workbench.mil;

import java.io.IOException;
import java.util.Optional;

/**
 * Where patch embeddings come from (the embedding stage's store, a random stand-in in tests). The MIL core
 * never depends on the encoder itself.
 */
@FunctionalInterface
public interface FeatureSource {

    /**
     * @param frame the frame's dataset-relative path ('/' separated)
     * @return its patch features in selection rank order (most confluent first), or empty when none are stored
     */
    Optional<float[][]> patches(String frame) throws IOException;
}
