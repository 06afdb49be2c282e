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
