package org.clanet.workbench.mil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * The gated-attention MIL aggregator of CLANet §4 (Ilse et al. 2018) on DJL: V = tanh(X Wvᵀ + bv),
 * U = sigmoid(X Wuᵀ + bu), a = (V ⊙ U) Wwᵀ + bw, attention = softmax of a over all N instances,
 * M = attentionᵀ X, logits = M Wcᵀ + bc, probabilities = softmax(logits).
 *
 * <p>Weights live in this model's manager, stored transposed ((in, out)) so that every operation's first
 * operand is the per-call input: results then belong to the per-call sub-manager, never to the model's
 * (DJL attaches a result to its first operand's manager; STACK.md "Memory").
 */
public final class GatedAttentionMil implements MilModel {

    private final NDManager manager;
    private final List<String> classes;
    private final int inputDim;
    private final int attentionDim;
    private Tensors params;
    private Staging staging;
    private boolean closed;

    private GatedAttentionMil(MilWeights w) {
        this.manager = NDManager.newBaseManager();
        this.classes = w.classes();
        this.inputDim = w.inputDim();
        this.attentionDim = w.attentionDim();
        this.params = Tensors.of(manager, w);
    }

    /** A model with the given parameters (e.g. read from a published .npz). */
    public static GatedAttentionMil of(MilWeights weights) {
        return new GatedAttentionMil(weights);
    }

    /** A fresh model with PyTorch's default Linear initialisation, seeded. */
    public static GatedAttentionMil create(List<String> classes, int inputDim, int attentionDim, long seed) {
        return new GatedAttentionMil(MilWeights.pytorchDefault(classes, inputDim, attentionDim, seed));
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    public int attentionDim() {
        return attentionDim;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public synchronized MilOutput predict(float[][] instances) {
        ensureOpen();
        checkBag(instances, inputDim);
        try (NDManager m = manager.newSubManager()) {
            staging = Staging.ensure(staging, (long) instances.length * inputDim);
            NDArray x = staging.put(m, instances, 0, inputDim);
            Forward f = forward(x, params);
            float[] logits = f.logits().toFloatArray();
            float[] att = f.attention().toFloatArray();
            float[] bag = f.bag().toFloatArray();
            return new MilOutput(softmax(logits), toDouble(att), bag);
        }
    }

    @Override
    public synchronized MilWeights weights() {
        ensureOpen();
        return params.toWeights(classes, inputDim, attentionDim);
    }

    /** Replaces the parameters (same shapes and classes), e.g. after a training step elsewhere. */
    synchronized void load(MilWeights w) {
        ensureOpen();
        if (w.inputDim() != inputDim || w.attentionDim() != attentionDim || !w.classes().equals(classes)) {
            throw new IllegalArgumentException("weights of another shape or class list");
        }
        Tensors old = params;
        params = Tensors.of(manager, w);
        old.close();
    }

    NDManager manager() {
        return manager;
    }

    Tensors tensors() {
        return params;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model closed");
        }
    }

    /** One forward pass; every result belongs to {@code x}'s manager. x is (N, L). */
    static Forward forward(NDArray x, Tensors p) {
        NDArray v = x.matMul(p.vW).addi(p.vB).tanh();
        NDArray u = Activation.sigmoid(x.matMul(p.uW).addi(p.uB));
        NDArray a = v.mul(u).matMul(p.wW).addi(p.wB);         // (N, 1)
        NDArray attention = a.transpose().softmax(1);          // (1, N): softmax over all N instances
        NDArray bag = attention.matMul(x);                     // (1, L)
        NDArray logits = bag.matMul(p.cW).addi(p.cB);          // (1, C)
        return new Forward(logits, attention, bag);
    }

    record Forward(NDArray logits, NDArray attention, NDArray bag) {
    }

    static void checkBag(float[][] instances, int inputDim) {
        if (instances == null || instances.length == 0) {
            throw new IllegalArgumentException("empty bag: a bag needs at least one instance");
        }
        for (int i = 0; i < instances.length; i++) {
            if (instances[i].length != inputDim) {
                throw new IllegalArgumentException("input dim mismatch: instance " + i + " has "
                        + instances[i].length + " features, the model expects " + inputDim);
            }
        }
    }

    /**
     * One reusable native-order direct buffer that bag inputs are written into. DJL wraps a direct buffer
     * without copying (torch.from_blob), so nothing is allocated per bag, and native memory stays flat instead
     * of piling up direct buffers until the next garbage collection. Arrays made from it are valid only until
     * the next {@code put} over the same region: callers close them (their sub-manager) before reusing it.
     */
    static final class Staging {
        private final java.nio.ByteBuffer buffer;

        private Staging(long floats) {
            buffer = java.nio.ByteBuffer.allocateDirect(Math.toIntExact(floats * 4))
                    .order(java.nio.ByteOrder.nativeOrder());
        }

        static Staging ensure(Staging s, long floats) {
            return s != null && s.buffer.capacity() >= floats * 4 ? s : new Staging(Math.max(floats, 1 << 16));
        }

        /** Writes the rows at float offset {@code offset} and wraps them as an (N, L) array in {@code m}. */
        NDArray put(NDManager m, float[][] rows, long offset, int inputDim) {
            int bytes = rows.length * inputDim * 4;
            java.nio.ByteBuffer region = buffer.slice(Math.toIntExact(offset * 4), bytes)
                    .order(java.nio.ByteOrder.nativeOrder());
            java.nio.FloatBuffer fb = region.asFloatBuffer();
            for (float[] r : rows) {
                fb.put(r);
            }
            return m.create(region, new Shape(rows.length, inputDim), ai.djl.ndarray.types.DataType.FLOAT32);
        }
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** The eight parameters, weights transposed to (in, out), biases as rows. */
    static final class Tensors implements AutoCloseable {
        final NDArray vW;
        final NDArray vB;
        final NDArray uW;
        final NDArray uB;
        final NDArray wW;
        final NDArray wB;
        final NDArray cW;
        final NDArray cB;

        Tensors(NDArray vW, NDArray vB, NDArray uW, NDArray uB, NDArray wW, NDArray wB, NDArray cW, NDArray cB) {
            this.vW = vW;
            this.vB = vB;
            this.uW = uW;
            this.uB = uB;
            this.wW = wW;
            this.wB = wB;
            this.cW = cW;
            this.cB = cB;
        }

        static Tensors of(NDManager m, MilWeights w) {
            int l = w.inputDim();
            int d = w.attentionDim();
            int c = w.classCount();
            return new Tensors(
                    transposed(m, w.attentionVWeight(), d, l), owned(m.create(w.attentionVBias(), new Shape(d))),
                    transposed(m, w.attentionUWeight(), d, l), owned(m.create(w.attentionUBias(), new Shape(d))),
                    transposed(m, w.attentionWeightsWeight(), 1, d),
                    owned(m.create(w.attentionWeightsBias(), new Shape(1))),
                    transposed(m, w.classifierWeight(), c, l), owned(m.create(w.classifierBias(), new Shape(c))));
        }

        /**
         * A copy in memory libtorch owns. Arrays made from Java data wrap a direct ByteBuffer (torch.from_blob);
         * parameters updated in place for a whole run must not depend on that buffer's lifetime.
         */
        static NDArray owned(NDArray fromJava) {
            NDArray copy = fromJava.duplicate();
            fromJava.close();
            return copy;
        }

        /** (out, in) row-major values → an (in, out) array. */
        private static NDArray transposed(NDManager m, float[] outIn, int out, int in) {
            float[] t = new float[outIn.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = outIn[o * in + i];
                }
            }
            return owned(m.create(t, new Shape(in, out)));
        }

        private static float[] untransposed(NDArray inOut) {
            long in = inOut.getShape().get(0);
            long out = inOut.getShape().get(1);
            float[] t = inOut.toFloatArray();
            float[] r = new float[t.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    r[(int) (o * in + i)] = t[(int) (i * out + o)];
                }
            }
            return r;
        }

        MilWeights toWeights(List<String> classes, int inputDim, int attentionDim) {
            return new MilWeights(classes, inputDim, attentionDim, untransposed(vW), vB.toFloatArray(),
                    untransposed(uW), uB.toFloatArray(), untransposed(wW), wB.toFloatArray(), untransposed(cW),
                    cB.toFloatArray());
        }

        NDList list() {
            return new NDList(vW, vB, uW, uB, wW, wB, cW, cB);
        }

        static Tensors of(NDList l) {
            return new Tensors(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7));
        }

        @Override
        public void close() {
            list().close();
        }
    }
}
