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

    /**
     * DINOv2's KoLeoLoss on (B, D) vectors: minus the mean log distance of each L2-normalised vector to its
     * nearest other vector of the batch. It pushes the class tokens of a batch apart, against the uniform
     * collapse a small batch falls into. The neighbour choice is not differentiated (argmax), as in PyTorch.
     */
    static NDArray koleo(NDArray x) {
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        NDArray u = x.normalize(2, -1, 1e-8);
        NDArray nearest;
        try (NDManager scratch = m.newSubManager()) {
            NDArray dots = u.stopGradient().matMul(u.stopGradient().transpose());
            NDArray noSelf = dots.sub(scratch.eye((int) b).mul(2)); // cosine 1 on the diagonal -> -1
            nearest = noSelf.argMax(1).oneHot((int) b).toType(u.getDataType(), false);
            nearest.attach(m);
        }
        NDArray dist = u.sub(nearest.matMul(u)).norm(new int[] {-1});
        return dist.add(Tensors.scalar(m, 1e-8)).log().mean().neg();
    }

    /** centre = m centre + (1 - m) x the teacher outputs' batch mean, in place (update_center). */
    static void updateCenter(NDArray center, NDArray teacherOut, double momentum) {
        NDArray batchCenter = teacherOut.mean(new int[] {0}, true);
        center.muli(momentum).addi(batchCenter.mul(1 - momentum));
    }
}
