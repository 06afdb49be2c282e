package org.clanet.workbench.embedding.dino;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.clanet.workbench.embedding.vit.Tensors;

/**
 * DINOLoss of the published main_dino_patch.py: the cross-entropy between the centred, sharpened teacher
 * distribution of each global view and the student's distribution of every other view, averaged over the
 * 2 x (crops - 1) pairs and the batch; and the EMA update of the centre.
 */
final class DinoLoss {

    private DinoLoss() {
    }

    /**
     * softmax((teacher - centre) / temp) per global view, (2, B, K). Computed outside the gradient
     * collector: the published code detaches it.
     */
    static NDArray teacherTargets(NDArray teacherOut, NDArray center, double temp, int batch) {
        return teacherOut.sub(center).div(temp).softmax(-1).reshape(2, batch, -1);
    }

    /**
     * The loss (a scalar) of the student outputs (crops x B, K; views in order globals then locals) against
     * {@link #teacherTargets}. Sums each teacher view against all student views and subtracts its own view
     * (the published loop skips v == iq): two (B, K) products instead of 2 x (crops - 1), which matters at
     * K = 65536 where DJL keeps every intermediate until the step ends. Its constants are torch-owned
     * ({@link Tensors#scalar}): backward runs after DJL would have freed a plain scalar operand.
     */
    static NDArray crossEntropy(NDArray studentOut, NDArray targets, double studentTemp, int crops, int batch) {
        NDManager m = studentOut.getManager();
        NDArray logp = studentOut.div(Tensors.scalar(m, studentTemp)).logSoftmax(-1).reshape(crops, batch, -1);
        NDArray sum = logp.sum(new int[] {0});
        NDArray total = targets.get(0).mul(sum.sub(logp.get(0))).sum();
        total = total.add(targets.get(1).mul(sum.sub(logp.get(1))).sum());
        int pairs = 2 * (crops - 1);
        return total.mul(Tensors.scalar(m, -1.0 / ((double) batch * pairs)));
    }

    /** centre = m centre + (1 - m) x the teacher outputs' batch mean, in place (update_center). */
    static void updateCenter(NDArray center, NDArray teacherOut, double momentum) {
        NDArray batchCenter = teacherOut.mean(new int[] {0}, true);
        center.muli(momentum).addi(batchCenter.mul(1 - momentum));
    }
}
