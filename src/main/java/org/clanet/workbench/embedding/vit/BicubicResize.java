package org.clanet.workbench.embedding.vit;

/**
 * PyTorch's {@code F.interpolate(mode='bicubic', align_corners=False, scale_factor=s)} as a matrix: output
 * index i samples source position {@code (i + 0.5) / s - 0.5} (the scale factor, not the size ratio, as
 * torch does when a scale factor is given), cubic convolution with A = -0.75, taps clamped to the border.
 * The position embedding is resized as {@code Ah · P · Awᵀ}, so it stays differentiable for training.
 */
public final class BicubicResize {

    private static final double A = -0.75;

    private BicubicResize() {
    }

    /** Output length torch computes for a scale factor: floor(in * scale). */
    public static int outputSize(int in, double scale) {
        return (int) Math.floor(in * scale);
    }

    /** (out x in) row-major weights: out[i] = Σ_j W[i][j] in[j]. */
    public static double[][] weights(int in, int out, double scale) {
        double[][] w = new double[out][in];
        // torch passes the given scale to the kernel, which uses 1/scale as the step (area_pixel_compute_scale)
        float step = (float) (1.0 / scale);
        for (int i = 0; i < out; i++) {
            // torch computes in the tensor's float type (float32 here)
            float real = step * (i + 0.5f) - 0.5f;
            int idx = (int) Math.floor(real);
            float t = real - idx;
            double[] c = {cubic2(t + 1.0), cubic1(t), cubic1(1.0 - t), cubic2(2.0 - t)};
            for (int k = 0; k < 4; k++) {
                int j = Math.min(Math.max(idx - 1 + k, 0), in - 1);
                w[i][j] += c[k];
            }
        }
        return w;
    }

    /**
     * The Kronecker matrix K (outH*outW x inH*inW) with K[(i,j),(a,b)] = Ah[i][a]·Aw[j][b], row-major in both
     * grids, as float32.
     */
    public static float[] kronecker(double[][] ah, double[][] aw) {
        int outH = ah.length;
        int inH = ah[0].length;
        int outW = aw.length;
        int inW = aw[0].length;
        float[] k = new float[outH * outW * inH * inW];
        int cols = inH * inW;
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                int row = (i * outW + j) * cols;
                for (int a = 0; a < inH; a++) {
                    double wa = ah[i][a];
                    if (wa == 0) {
                        continue;
                    }
                    for (int b = 0; b < inW; b++) {
                        k[row + a * inW + b] = (float) (wa * aw[j][b]);
                    }
                }
            }
        }
        return k;
    }

    /** Resizes a (h, w, channels) row-major grid; plain-Java reference of what the ViT does with NDArrays. */
    public static float[] resize(float[] grid, int h, int w, int channels, double scaleH, double scaleW) {
        int outH = outputSize(h, scaleH);
        int outW = outputSize(w, scaleW);
        double[][] ah = weights(h, outH, scaleH);
        double[][] aw = weights(w, outW, scaleW);
        float[] out = new float[outH * outW * channels];
        for (int i = 0; i < outH; i++) {
            for (int j = 0; j < outW; j++) {
                for (int a = 0; a < h; a++) {
                    double wa = ah[i][a];
                    if (wa == 0) {
                        continue;
                    }
                    for (int b = 0; b < w; b++) {
                        double wab = wa * aw[j][b];
                        if (wab == 0) {
                            continue;
                        }
                        int src = (a * w + b) * channels;
                        int dst = (i * outW + j) * channels;
                        for (int c = 0; c < channels; c++) {
                            out[dst + c] += (float) (wab * grid[src + c]);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double cubic1(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    private static double cubic2(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
