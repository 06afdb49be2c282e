package org.clanet.workbench.embedding.dino;

import java.util.random.RandomGenerator;

/**
 * DINO's DataAugmentationDINO on a gray patch, in plain Java: 2 global crops (RandomResizedCrop to 112,
 * scale 0.5-1, bicubic) and N local crops (to 32, scale 0.05-0.5), each then vertical flip p=0.3,
 * horizontal flip p=0.3 and, with p=0.5, ColorJitter(brightness 0.5, contrast 0.5) in a random order.
 * RandomResizedCrop follows torchvision (10 tries, aspect 3/4..4/3 log-uniform, centre-crop fallback);
 * resizing follows PIL's bicubic (a = -0.5, antialiased when shrinking). Deviation: values stay float
 * between steps (PIL rounds to uint8 after each), documented in docs/EMBEDDING.md.
 *
 * <p>Beyond the published recipe, two augmentations imitate what differs between imaging batches, so that DINO cannot
 * tell images apart by their batch's optics: with p = 0.5 a Gaussian defocus of sigma ~ U(0, {@code blur_sigma_max})
 * view pixels, and with p = 0.5 additive Gaussian sensor noise of sd ~ U(0, {@code noise_sd_max}) (gray in [0,1]).
 * Both are off (0) in the published presets, and then draw nothing from the random source.
 */
public final class MultiCrop {

    private static final double LOG_RATIO_MIN = Math.log(3.0 / 4.0);
    private static final double LOG_RATIO_MAX = Math.log(4.0 / 3.0);

    private final DinoParameters p;

    public MultiCrop(DinoParameters p) {
        this.p = p;
    }

    /** Crops of one patch: index 0,1 global (globalCropSize²), then localCropsNumber local (localCropSize²). */
    public float[][] views(float[] patch, int side, RandomGenerator rng) {
        int n = 2 + p.localCropsNumber();
        float[][] out = new float[n][];
        for (int v = 0; v < n; v++) {
            boolean global = v < 2;
            int size = global ? p.globalCropSize() : p.localCropSize();
            double lo = global ? p.globalCropsScaleMin() : p.localCropsScaleMin();
            double hi = global ? p.globalCropsScaleMax() : p.localCropsScaleMax();
            float[] crop = randomResizedCrop(patch, side, size, lo, hi, rng);
            out[v] = batchEffects(flipAndJitter(crop, size, rng), size, rng);
        }
        return out;
    }

    private float[] batchEffects(float[] img, int size, RandomGenerator rng) {
        if (p.blurSigmaMax() > 0 && rng.nextDouble() < 0.5) {
            img = gaussianBlur(img, size, p.blurSigmaMax() * rng.nextDouble());
        }
        if (p.noiseSdMax() > 0 && rng.nextDouble() < 0.5) {
            double sd = p.noiseSdMax() * rng.nextDouble();
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) Math.min(1, Math.max(0, img[i] + sd * rng.nextGaussian()));
            }
        }
        return img;
    }

    /** Separable Gaussian blur of a size x size image, kernel radius ceil(3 sigma), edges clamped. */
    static float[] gaussianBlur(float[] img, int size, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        if (r < 1) {
            return img;
        }
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            total += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        float[] tmp = new float[img.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * img[y * size + Math.min(size - 1, Math.max(0, x + i))];
                }
                tmp[y * size + x] = (float) s;
            }
        }
        float[] out = new float[img.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[Math.min(size - 1, Math.max(0, y + i)) * size + x];
                }
                out[y * size + x] = (float) s;
            }
        }
        return out;
    }

    float[] randomResizedCrop(float[] img, int side, int size, double scaleMin, double scaleMax, RandomGenerator rng) {
        int height = side;
        int width = side;
        double area = (double) height * width;
        int top = -1;
        int left = -1;
        int h = 0;
        int w = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (scaleMin + (scaleMax - scaleMin) * rng.nextDouble());
            double aspect = Math.exp(LOG_RATIO_MIN + (LOG_RATIO_MAX - LOG_RATIO_MIN) * rng.nextDouble());
            int cw = (int) Math.round(Math.sqrt(target * aspect));
            int ch = (int) Math.round(Math.sqrt(target / aspect));
            if (cw > 0 && cw <= width && ch > 0 && ch <= height) {
                top = rng.nextInt(height - ch + 1);
                left = rng.nextInt(width - cw + 1);
                h = ch;
                w = cw;
                break;
            }
        }
        if (top < 0) {
            // square input: in_ratio 1 lies inside [3/4, 4/3] -> the whole image
            h = height;
            w = width;
            top = 0;
            left = 0;
        }
        return resizeBicubic(img, side, left, top, w, h, size);
    }

    /** PIL ImagingResample of the box (left, top, w, h) of a side x side image to size x size, bicubic. */
    static float[] resizeBicubic(float[] img, int side, int left, int top, int w, int h, int size) {
        Coefficients cx = Coefficients.of(left, w, side, size);
        Coefficients cy = Coefficients.of(top, h, side, size);
        // horizontal pass over the needed rows, then vertical
        int rowMin = cy.min[0];
        int rowMax = cy.min[size - 1] + cy.count[size - 1];
        float[] tmp = new float[(rowMax - rowMin) * size];
        for (int y = rowMin; y < rowMax; y++) {
            int row = y * side;
            for (int x = 0; x < size; x++) {
                double s = 0;
                int base = cx.min[x];
                for (int k = 0; k < cx.count[x]; k++) {
                    s += img[row + base + k] * cx.weights[x][k];
                }
                tmp[(y - rowMin) * size + x] = (float) s;
            }
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int base = cy.min[y] - rowMin;
            for (int x = 0; x < size; x++) {
                double s = 0;
                for (int k = 0; k < cy.count[y]; k++) {
                    s += tmp[(base + k) * size + x] * cy.weights[y][k];
                }
                out[y * size + x] = (float) Math.min(1, Math.max(0, s));
            }
        }
        return out;
    }

    private float[] flipAndJitter(float[] img, int size, RandomGenerator rng) {
        if (rng.nextDouble() < p.flipProbability()) {
            float[] f = new float[img.length];
            for (int y = 0; y < size; y++) {
                System.arraycopy(img, (size - 1 - y) * size, f, y * size, size);
            }
            img = f;
        }
        if (rng.nextDouble() < p.flipProbability()) {
            for (int y = 0; y < size; y++) {
                int r = y * size;
                for (int x = 0; x < size / 2; x++) {
                    float t = img[r + x];
                    img[r + x] = img[r + size - 1 - x];
                    img[r + size - 1 - x] = t;
                }
            }
        }
        if (rng.nextDouble() < p.colorJitterProbability()) {
            // torchvision draws both factors, then applies them in a random order
            double b = 1 - p.brightness() + 2 * p.brightness() * rng.nextDouble();
            double c = 1 - p.contrast() + 2 * p.contrast() * rng.nextDouble();
            boolean brightnessFirst = rng.nextBoolean();
            if (brightnessFirst) {
                brightness(img, b);
                contrast(img, c);
            } else {
                contrast(img, c);
                brightness(img, b);
            }
        }
        return img;
    }

    private static void brightness(float[] img, double f) {
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) Math.min(1, Math.max(0, img[i] * f));
        }
    }

    /** PIL ImageEnhance.Contrast: blend with the (8-bit rounded) mean gray. */
    private static void contrast(float[] img, double f) {
        double sum = 0;
        for (float v : img) {
            sum += v;
        }
        double mean = Math.floor(sum / img.length * 255 + 0.5) / 255;
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) Math.min(1, Math.max(0, mean + f * (img[i] - mean)));
        }
    }

    /** PIL precompute_coeffs for the bicubic filter (support 2, a = -0.5). */
    private record Coefficients(int[] min, int[] count, double[][] weights) {
        static Coefficients of(int start, int length, int inSize, int outSize) {
            double scale = (double) length / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 2.0 * filterScale;
            int[] min = new int[outSize];
            int[] count = new int[outSize];
            double[][] w = new double[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = start + (i + 0.5) * scale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double[] k = new double[Math.max(xmax, 0)];
                double total = 0;
                for (int x = 0; x < xmax; x++) {
                    double v = filter((x + xmin - center + 0.5) / filterScale);
                    k[x] = v;
                    total += v;
                }
                if (total != 0) {
                    for (int x = 0; x < xmax; x++) {
                        k[x] /= total;
                    }
                }
                min[i] = xmin;
                count[i] = xmax;
                w[i] = k;
            }
            return new Coefficients(min, count, w);
        }

        private static double filter(double x) {
            double a = -0.5;
            x = Math.abs(x);
            if (x < 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0;
        }
    }
}
