package org.clanet.workbench.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One array of a {@code .npz} file, held as floats whatever its stored numeric type (float16/32/64, int
 * 8..64, uint8, bool), or as strings for a NumPy unicode ({@code <U}) array.
 *
 * @param dtype   the NumPy type string it was stored with, e.g. {@code <f4}, {@code <i4}, {@code <U12}
 * @param shape   C-order shape; empty for a scalar
 * @param data    shape-product values (null for unicode arrays)
 * @param strings shape-product strings (null for numeric arrays)
 */
public record NpyArray(String dtype, long[] shape, float[] data, String[] strings) {

    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        if ((data == null) == (strings == null)) {
            throw new IllegalArgumentException("exactly one of data and strings must be given");
        }
        long n = size(shape);
        long have = data != null ? data.length : strings.length;
        if (n != have) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + have);
        }
    }

    public static NpyArray ofFloats(float[] data, long... shape) {
        return new NpyArray("<f4", shape, data, null);
    }

    /** Stored as int32; values must be integers. */
    public static NpyArray ofInts(int[] values, long... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return new NpyArray("<i4", shape, f, null);
    }

    public static NpyArray ofStrings(String[] values, long... shape) {
        int longest = 1;
        for (String s : values) {
            longest = Math.max(longest, s.codePointCount(0, s.length()));
        }
        return new NpyArray("<U" + longest, shape, null, values.clone());
    }

    public boolean isUnicode() {
        return strings != null;
    }

    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeText() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** A float32 array (the MIL code's spelling of {@link #ofFloats}). */
    public static NpyArray floats(float[] data, long... shape) {
        return ofFloats(data, shape);
    }

    /** A 1-d unicode array of the given strings. */
    public static NpyArray strings(java.util.List<String> values) {
        return ofStrings(values.toArray(String[]::new), values.size());
    }

    /** Numbers (not unicode text). */
    public boolean numeric() {
        return strings == null;
    }

    /** The unicode entries as a list (empty for a numeric array). */
    public java.util.List<String> stringList() {
        return strings == null ? java.util.List.of() : java.util.List.of(strings);
    }
}
