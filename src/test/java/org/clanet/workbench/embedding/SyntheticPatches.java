package org.clanet.workbench.embedding;

import java.util.SplittableRandom;
import org.clanet.workbench.embedding.dino.PatchSource;

/** Seeded 112x112 gray patches of two kinds (stripes of random angle, blobs) with noise. */
final class SyntheticPatches implements PatchSource {

    private final float[][] patches;

    SyntheticPatches(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        patches = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] p = new float[112 * 112];
            boolean stripes = i % 2 == 0;
            double angle = r.nextDouble() * Math.PI;
            double freq = 0.15 + 0.1 * r.nextDouble();
            double[][] blobs = new double[6][3];
            for (double[] b : blobs) {
                b[0] = r.nextDouble() * 112;
                b[1] = r.nextDouble() * 112;
                b[2] = 6 + 10 * r.nextDouble();
            }
            for (int y = 0; y < 112; y++) {
                for (int x = 0; x < 112; x++) {
                    double v;
                    if (stripes) {
                        v = 0.5 + 0.35 * Math.sin(freq * (x * Math.cos(angle) + y * Math.sin(angle)));
                    } else {
                        v = 0.2;
                        for (double[] b : blobs) {
                            double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
                            v += 0.6 * Math.exp(-d2 / (2 * b[2] * b[2]));
                        }
                    }
                    v += 0.05 * r.nextGaussian();
                    p[y * 112 + x] = (float) Math.min(1, Math.max(0, v));
                }
            }
            patches[i] = p;
        }
    }

    @Override
    public int size() {
        return patches.length;
    }

    @Override
    public float[] patch(int index) {
        return patches[index];
    }
}
