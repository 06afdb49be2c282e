package org.clanet.workbench.mil;

/**
 * What the aggregator says about one bag.
 *
 * @param probabilities softmax of the logits, one per class
 * @param attention     the N attention weights (sum 1), in bag (instance) order
 * @param bagVector     M = attentionᵀ X, the L-dimensional bag embedding
 */
public record MilOutput(double[] probabilities, double[] attention, float[] bagVector) {

    /** Index of the most probable class (the lower index on a tie). */
    public int top() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public double maxProbability() {
        return probabilities[top()];
    }
}
