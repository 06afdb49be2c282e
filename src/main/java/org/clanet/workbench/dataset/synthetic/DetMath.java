package org.clanet.workbench.dataset.synthetic;

import java.util.SplittableRandom;

/**
 * Deterministic numerics for the generator. Java 17 arithmetic is strict, but {@link Math}'s transcendental
 * functions may be JIT intrinsics whose last bit differs from the interpreter's; output files must not depend
 * on when the JIT kicks in. So: {@link StrictMath} where precision matters, table or polynomial approximations
 * (plain arithmetic, hence reproducible) in the per-pixel loops.
 */
final class DetMath {

    static final double TWO_PI = 2 * StrictMath.PI;

    private static final int EXP_STEPS_PER_UNIT = 256;
    private static final double EXP_MAX = 20;
    private static final float[] EXP_NEG = new float[(int) (EXP_MAX * EXP_STEPS_PER_UNIT) + 2];

    static {
        for (int i = 0; i < EXP_NEG.length; i++) {
            EXP_NEG[i] = (float) StrictMath.exp(-(double) i / EXP_STEPS_PER_UNIT);
        }
    }

    private DetMath() {
    }

    /** exp(-x) for x >= 0 from a table with linear interpolation (relative error < 1e-5); 0 beyond 20. */
    static float expNeg(float x) {
        if (x <= 0) {
            return 1f;
        }
        if (x >= EXP_MAX) {
            return 0f;
        }
        float f = x * EXP_STEPS_PER_UNIT;
        int i = (int) f;
        float t = f - i;
        return EXP_NEG[i] + (EXP_NEG[i + 1] - EXP_NEG[i]) * t;
    }

    /** atan2 by a minimax polynomial (error ~1e-5 rad), in (-pi, pi]. */
    static float atan2(float y, float x) {
        float ax = Math.abs(x);
        float ay = Math.abs(y);
        float mx = Math.max(ax, ay);
        if (mx == 0f) {
            return 0f;
        }
        float a = Math.min(ax, ay) / mx;
        float s = a * a;
        float r = a * (0.99997726f + s * (-0.33262347f + s * (0.19354346f + s * (-0.11643287f
                + s * (0.05265332f + s * -0.01172120f)))));
        if (ay > ax) {
            r = 1.5707963268f - r;
        }
        if (x < 0) {
            r = 3.1415926536f - r;
        }
        return y < 0 ? -r : r;
    }

    static float clamp(float v, float lo, float hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    static float smoothstep(float e0, float e1, float x) {
        float t = clamp((x - e0) / (e1 - e0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    /** Standard normal by Box–Muller on StrictMath (for the simulation; not for per-pixel noise). */
    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    /**
     * Approximately standard normal from one random long: the sum of four 16-bit uniforms (Irwin–Hall),
     * scaled to unit variance. Cheap and exact-arithmetic; used for sensor noise.
     */
    static float fastGaussian(long bits) {
        long a = bits & 0xFFFF;
        long b = (bits >>> 16) & 0xFFFF;
        long c = (bits >>> 32) & 0xFFFF;
        long d = (bits >>> 48) & 0xFFFF;
        float sum = (a + b + c + d) / 65536f - 2f; // mean 0, variance 4/12
        return sum * 1.7320508f;
    }

    /** Log-normal with median {@code median} and log-sd {@code sigma}. */
    static double logNormal(SplittableRandom r, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(r));
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Poisson by inversion (small means only). */
    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double l = StrictMath.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l && k < 1000) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** Seed for one named unit of work, from the run's seed and its coordinates; independent of order. */
    static long seed(long base, long... parts) {
        long h = mix64(base ^ 0x6A09E667F3BCC909L);
        for (long p : parts) {
            h = mix64(h ^ mix64(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
