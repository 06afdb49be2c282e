package org.clanet.workbench.embedding.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/** Small NDArray helpers shared by the ViT, the head and the trainer. */
public final class Tensors {

    private Tensors() {
    }

    /**
     * Moves an operation's result to {@code m}. DJL gives a result to the manager of its first operand: an
     * op that starts from a parameter would otherwise leave every activation in the model's manager, which
     * is only freed when the model closes (the DJL memory trap).
     */
    public static NDArray own(NDManager m, NDArray a) {
        a.attach(m);
        return a;
    }

    /**
     * Turns autograd recording off for the calling thread. PyTorch's grad mode is per thread and DJL only
     * switches it off on the thread that loaded the engine: a worker thread would otherwise record graphs
     * during inference and refuse in-place optimiser updates of leaf parameters.
     */
    public static void gradOff() {
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /**
     * {@code data} as an array in memory libtorch owns, for constants that enter a recorded graph. DJL's
     * {@code create(float[])} (and every {@code x.mul(Number)}-style scalar op, which creates its operand
     * that way and closes it at once) hands libtorch a Java direct buffer; autograd keeps such a tensor for
     * backward after its Java array was closed, and once the GC frees the buffer backward reads freed
     * memory: gradients of 0 or garbage, depending on GC timing (TorchOwnedTest reproduces it).
     */
    public static NDArray torchOwned(NDManager m, float[] data, Shape shape) {
        try (NDArray javaBacked = m.create(data, shape)) {
            return javaBacked.duplicate();
        }
    }

    /** A float32 scalar for {@code x.mul(scalar(m, c))} inside a recorded graph; see {@link #torchOwned}. */
    public static NDArray scalar(NDManager m, double value) {
        return torchOwned(m, new float[] {(float) value}, new Shape());
    }

    public static float[] toFloats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Normal(0, std) truncated to [lo, hi] (absolute bounds, as torch's trunc_normal_ takes them). */
    public static float[] truncNormal(RandomGenerator rng, int n, double std, double lo, double hi) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double v;
            do {
                v = rng.nextGaussian() * std;
            } while (v < lo || v > hi);
            out[i] = (float) v;
        }
        return out;
    }

    public static float[] uniform(RandomGenerator rng, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return out;
    }

    public static float[] filled(int n, float v) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    public static long volume(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public static NDArray create(NDManager m, float[] data, long... shape) {
        return m.create(data, new Shape(shape));
    }
}
