package org.clanet.workbench.pipeline;

import java.util.Map;
import java.util.Objects;

/**
 * What a stage reports besides "n of m done": where a training is (epoch, step), named scalars (loss, learning
 * rate, accuracy …) and the metrics of a finished run. The CLI prints them; the workbench plots them.
 */
public sealed interface ProgressEvent {

    /** Position in a training: epoch and step are 1-based; a total of -1 means unknown. */
    record Step(int epoch, int epochs, long step, long stepsPerEpoch) implements ProgressEvent {
    }

    /**
     * Named values at one point of a run, e.g. {@code loss}, {@code lr}, {@code val_accuracy}.
     *
     * @param x where on the run's axis (epoch, or fractional epoch for per-step values)
     */
    record Scalars(String series, double x, Map<String, Double> values) implements ProgressEvent {
        public Scalars {
            Objects.requireNonNull(series, "series");
            values = Map.copyOf(values);
        }
    }

    /** The figures of a finished run (or of a finished evaluation), e.g. {@code top1 → 0.91}. */
    record Metrics(String name, Map<String, Double> values) implements ProgressEvent {
        public Metrics {
            Objects.requireNonNull(name, "name");
            values = Map.copyOf(values);
        }
    }

    /** A one-line remark for the user (device chosen, items left out and why, estimated duration). */
    record Note(String text) implements ProgressEvent {
        public Note {
            Objects.requireNonNull(text, "text");
        }
    }
}
