package org.clanet.workbench.embedding.dino;

import java.nio.file.Path;

/** Typed progress of a DINO pretraining; called on the training thread, keep it cheap. */
public interface DinoListener {

    DinoListener NONE = new DinoListener() { };

    /**
     * One optimiser step.
     *
     * @param epoch   0-based epoch
     * @param step    0-based step within the epoch
     * @param seconds wall time of this step
     */
    record Step(int epoch, int epochs, int step, int stepsPerEpoch, double loss, double lr, double weightDecay,
                double momentum, double seconds) {
    }

    /**
     * One finished epoch.
     *
     * @param rssBytes     resident memory of the process now
     * @param peakRssBytes peak resident memory of the process so far
     * @param liveArrays   NDArrays alive under the trainer's root manager (flat over epochs = no leak)
     */
    record Epoch(int epoch, int epochs, double meanLoss, double seconds, long rssBytes, long peakRssBytes,
                 int liveArrays) {
    }

    default void onStart(String description, int startEpoch, int startStep) {
    }

    default void onStep(Step step) {
    }

    default void onEpoch(Epoch epoch) {
    }

    default void onCheckpoint(Path file, int epoch, int step) {
    }
}
