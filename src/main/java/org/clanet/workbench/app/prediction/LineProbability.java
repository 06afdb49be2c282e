package org.clanet.workbench.app.prediction;

/** A cell line and the probability the model gives it (0..1). */
public record LineProbability(String line, double probability) {

    public LineProbability {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0,1], was " + probability);
        }
    }
}
