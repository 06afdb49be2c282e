package org.clanet.workbench.selection;

import java.util.Arrays;

/** k-th smallest values of a float array without sorting it all (two-level radix select). */
final class OrderStatistics {

    private OrderStatistics() {
    }

    private static int key(float f) {
        int b = Float.floatToIntBits(f);
        return b >= 0 ? b ^ 0x80000000 : ~b; // unsigned order == float order
    }

    /** The values of rank ks[i] (0-based) in ascending order of v. */
    static float[] select(float[] v, long[] ks) {
        int[] hist = new int[65536];
        for (float f : v) {
            hist[key(f) >>> 16]++;
        }
        float[] out = new float[ks.length];
        for (int q = 0; q < ks.length; q++) {
            long k = Math.max(0, Math.min(v.length - 1, ks[q]));
            long cum = 0;
            int bucket = 0;
            for (; bucket < 65536; bucket++) {
                if (cum + hist[bucket] > k) {
                    break;
                }
                cum += hist[bucket];
            }
            float[] members = new float[hist[bucket]];
            int m = 0;
            for (float f : v) {
                if (key(f) >>> 16 == bucket) {
                    members[m++] = f;
                }
            }
            Arrays.sort(members);
            out[q] = members[(int) (k - cum)];
        }
        return out;
    }
}
