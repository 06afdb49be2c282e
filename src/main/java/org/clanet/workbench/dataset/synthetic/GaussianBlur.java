package org.clanet.workbench.dataset.synthetic;

/** Separable Gaussian blur of a float image with clamped borders; deterministic, single-threaded. */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) StrictMath.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = StrictMath.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    /** Blurs {@code src} into {@code dst} (may be the same array) using {@code tmp} as scratch. */
    static void blur(float[] src, float[] dst, float[] tmp, int w, int h, double sigma) {
        if (sigma < 0.05) {
            if (dst != src) {
                System.arraycopy(src, 0, dst, 0, w * h);
            }
            return;
        }
        float[] k = kernel(sigma);
        int r = k.length / 2;
        // horizontal: src -> tmp
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float acc = 0;
                if (x >= r && x < w - r) {
                    int base = row + x - r;
                    for (int i = 0; i < k.length; i++) {
                        acc += k[i] * src[base + i];
                    }
                } else {
                    for (int i = -r; i <= r; i++) {
                        int xx = Math.min(w - 1, Math.max(0, x + i));
                        acc += k[i + r] * src[row + xx];
                    }
                }
                tmp[row + x] = acc;
            }
        }
        // vertical: tmp -> dst
        for (int y = 0; y < h; y++) {
            int row = y * w;
            if (y >= r && y < h - r) {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    int idx = (y - r) * w + x;
                    for (int i = 0; i < k.length; i++, idx += w) {
                        acc += k[i] * tmp[idx];
                    }
                    dst[row + x] = acc;
                }
            } else {
                for (int x = 0; x < w; x++) {
                    float acc = 0;
                    for (int i = -r; i <= r; i++) {
                        int yy = Math.min(h - 1, Math.max(0, y + i));
                        acc += k[i + r] * tmp[yy * w + x];
                    }
                    dst[row + x] = acc;
                }
            }
        }
    }
}
