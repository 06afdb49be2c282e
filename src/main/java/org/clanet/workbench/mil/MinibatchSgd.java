package org.clanet.workbench.mil;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * One published training step (train_TSS_MIL.py): for each bag of a minibatch, cross-entropy × w / Σw, the
 * gradients summed over the minibatch, then one step of PyTorch's SGD (d = g + wd·p; buf = μ·buf + d;
 * p −= lr·buf; buf starts at 0, so the first step's buf = d as in PyTorch).
 *
 * <p>Each step differentiates fresh leaf copies of the parameters inside a sub-manager that is closed after
 * the update, so no gradient buffer has to be zeroed and nothing accumulates in the model's manager.
 */
final class MinibatchSgd implements AutoCloseable {

    private final GatedAttentionMil model;
    private final NDList momentum;
    private GatedAttentionMil.Staging staging;
    /** Test hook between forward and backward (a garbage collection there exposes freed operand buffers). */
    Runnable beforeBackward = () -> { };

    MinibatchSgd(GatedAttentionMil model) {
        this.model = model;
        NDList params = model.tensors().list();
        this.momentum = new NDList(params.size());
        for (NDArray p : params) {
            momentum.add(model.manager().zeros(p.getShape(), p.getDataType()));
        }
    }

    /** Momentum buffers as plain floats (checkpoints), in {@link MilWeights#NAMES} order, (in, out) layout. */
    float[][] momentumValues() {
        float[][] out = new float[momentum.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = momentum.get(i).toFloatArray();
        }
        return out;
    }

    void restoreMomentum(float[][] values) {
        for (int i = 0; i < values.length; i++) {
            NDArray b = momentum.get(i);
            if (b.size() != values[i].length) {
                throw new IllegalArgumentException("momentum buffer " + i + " has " + values[i].length
                        + " values, expected " + b.size());
            }
            b.set(java.nio.FloatBuffer.wrap(values[i]));
        }
    }

    /**
     * One step over a minibatch. Returns the summed weighted loss (Σ CE·w/Σw) and the per-bag correctness.
     */
    StepResult step(List<float[][]> bags, int[] targets, double[] weights, double lr, double mu, double wd) {
        return step(bags, targets, weights, lr, mu, wd, 0);
    }

    /**
     * As {@link #step(List, int[], double[], double, double, double)}, plus {@code instanceLoss} × the bag's weight ×
     * the mean cross-entropy of the classifier applied to each instance alone (0: the published loss).
     */
    StepResult step(List<float[][]> bags, int[] targets, double[] weights, double lr, double mu, double wd,
                    double instanceLoss) {
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("empty minibatch");
        }
        double wsum = 0;
        for (double w : weights) {
            wsum += w;
        }
        if (!(wsum > 0) || Double.isNaN(wsum)) {
            throw new IllegalArgumentException("sample weights must sum to a positive number, got " + wsum);
        }
        int classes = model.classes().size();
        GatedAttentionMil.Tensors master = model.tensors();
        NDList masterList = master.list();
        try (NDManager m = model.manager().newSubManager()) {
            NDList leaves = new NDList(masterList.size());
            for (NDArray p : masterList) {
                NDArray leaf = p.duplicate();
                leaf.attach(m);
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
            }
            GatedAttentionMil.Tensors lp = GatedAttentionMil.Tensors.of(leaves);
            double loss;
            boolean[] correct = new boolean[bags.size()];
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray total = null;
                long rows = 0;
                for (float[][] bag : bags) {
                    GatedAttentionMil.checkBag(bag, model.inputDim());
                    rows += bag.length;
                }
                // Every bag's input stays referenced by the graph until backward: one region per bag.
                staging = GatedAttentionMil.Staging.ensure(staging, rows * model.inputDim());
                long offset = 0;
                for (int b = 0; b < bags.size(); b++) {
                    float[][] bag = bags.get(b);
                    NDArray x = staging.put(m, bag, offset, model.inputDim());
                    offset += (long) bag.length * model.inputDim();
                    NDArray logits = GatedAttentionMil.forward(x, lp).logits();
                    // The bag's weight w/Σw rides in the target row, not in a scalar op: DJL makes a scalar operand
                    // from a direct buffer it drops at once, and autograd would read that freed buffer in backward.
                    float[] target = new float[classes];
                    target[targets[b]] = (float) -(weights[b] / wsum);
                    NDArray weighted = logits.logSoftmax(1).mul(m.create(target, new Shape(1, classes))).sum();
                    if (instanceLoss > 0) {
                        // the classifier on each instance (N, C), label = the bag's; same trick for the factor
                        float[] perInstance = new float[classes];
                        perInstance[targets[b]] = (float) (-(weights[b] / wsum) * instanceLoss / bag.length);
                        NDArray inst = x.matMul(lp.cW).addi(lp.cB).logSoftmax(1)
                                .mul(m.create(perInstance, new Shape(1, classes))).sum();
                        weighted = weighted.add(inst);
                    }
                    total = total == null ? weighted : total.add(weighted);
                    correct[b] = argmax(logits.toFloatArray()) == targets[b];
                }
                loss = total.getFloat();
                beforeBackward.run();
                gc.backward(total);
            }
            for (int i = 0; i < masterList.size(); i++) {
                NDArray leaf = leaves.get(i);
                NDArray grad = leaf.getGradient();
                grad.attach(m);
                NDArray d = grad.add(leaf.stopGradient().mul((float) wd)); // in m: first operand is m's
                momentum.get(i).muli((float) mu).addi(d);
                try (NDArray upd = momentum.get(i).mul((float) lr)) {
                    masterList.get(i).subi(upd);
                }
            }
            return new StepResult(loss, correct);
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    record StepResult(double loss, boolean[] correct) {
    }

    @Override
    public void close() {
        momentum.close();
    }
}
