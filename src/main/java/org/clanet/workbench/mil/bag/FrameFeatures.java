package org.clanet.workbench.mil.bag;

/**
 * One frame's patch embeddings.
 *
 * @param frame         the frame's path relative to the dataset root, '/' separated
 * @param samplingHours time since seeding in the published integer hours (Timepoint.samplingHours())
 * @param patches       the frame's patch features, most confluent first (selection rank order)
 */
public record FrameFeatures(String frame, int samplingHours, float[][] patches) {
}
