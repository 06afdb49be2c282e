package org.clanet.workbench.mil.io;

import java.util.Arrays;
import java.util.List;

/**
 * One array of a NumPy {@code .npz}: either numbers (kept as float32, row-major) or strings (a {@code <U} entry).
 *
 * @param shape   NumPy shape (empty for a scalar)
 * @param data    values for numeric arrays, else null
 * @param strings values for unicode arrays, else null
 * @param dtype   the NumPy dtype the file declared, e.g. {@code <f4}, {@code <U12}
 */
public record NpyArray(long[] shape, float[] data, List<String> strings, String dtype) {

    public static NpyArray floats(float[] data, long... shape) {
        return new NpyArray(shape.clone(), data.clone(), null, "<f4");
    }

    public static NpyArray strings(List<String> values) {
        return new NpyArray(new long[] {values.size()}, null, List.copyOf(values), "<U");
    }

    public boolean numeric() {
        return data != null;
    }

    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
