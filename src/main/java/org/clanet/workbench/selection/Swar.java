package org.clanet.workbench.selection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight 0/1 bytes at a time: a {@code byte[]} read and written as longs (C2 intrinsifies the view var handle to
 * plain 8-byte loads and stores). The binary masks are 0/1 bytes, so OR/AND/XOR of words is OR/AND/XOR per pixel
 * and a popcount of an XOR counts differing pixels.
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;

    private Swar() {
    }

    static long get(byte[] a, int i) {
        return (long) LONGS.get(a, i);
    }

    static void set(byte[] a, int i, long v) {
        LONGS.set(a, i, v);
    }

    /** Number of indices in [0, n) where a and b differ (both 0/1). */
    static int countDiff(byte[] a, byte[] b, int n) {
        int c = 0;
        int i = 0;
        for (; i <= n - 8; i += 8) {
            c += Long.bitCount(get(a, i) ^ get(b, i));
        }
        for (; i < n; i++) {
            c += a[i] ^ b[i];
        }
        return c;
    }

    /** a[i] |= b[i] for i in [0, n). */
    static void or(byte[] a, byte[] b, int n) {
        int i = 0;
        for (; i <= n - 8; i += 8) {
            set(a, i, get(a, i) | get(b, i));
        }
        for (; i < n; i++) {
            a[i] |= b[i];
        }
    }

    /** a[i] = 1 - a[i] for i in [0, n). */
    static void invert(byte[] a, int n) {
        int i = 0;
        for (; i <= n - 8; i += 8) {
            set(a, i, get(a, i) ^ ONES);
        }
        for (; i < n; i++) {
            a[i] = (byte) (1 - a[i]);
        }
    }
}
