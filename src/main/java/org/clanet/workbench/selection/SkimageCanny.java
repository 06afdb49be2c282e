package org.clanet.workbench.selection;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * The Canny edge detector of scikit-image 0.19 ({@code skimage.feature.canny}) on a float image, reproduced step by
 * step because OpenCV's {@code Imgproc.Canny} differs in every step (it takes 8-bit input, uses an L1 or
 * un-normalised L2 magnitude, quantises the gradient direction to 4 bins without interpolation, and its thresholds
 * are in Sobel units):
 * <ol>
 * <li>Gaussian smoothing, sigma, truncate 4 (kernel radius {@code (int)(4 sigma + 0.5)}), zero padding, divided by
 * the smoothed all-ones image (+ machine epsilon): scikit-image's "bleed-over" correction of {@code _preprocess};</li>
 * <li>Sobel derivatives with mirror padding ({@code ndi.sobel}, mode 'reflect' = OpenCV BORDER_REFLECT);</li>
 * <li>magnitude = hypot;</li>
 * <li>non-maximum suppression with the interpolated neighbours of {@code _get_local_maxima}, the four direction
 * classes applied in scikit-image's order (a later class overwrites an earlier one), 1-pixel border excluded;</li>
 * <li>hysteresis: 8-connected segments of local maxima with magnitude &ge; low that contain a pixel &ge; high.</li>
 * </ol>
 * Gaussian and Sobel run in OpenCV on CV_64F; the rest is one Java pass. Not thread-safe: one instance per thread
 * (buffers are reused between calls of the same size).
 */
final class SkimageCanny {

    private int w;
    private int h;
    private Mat src;
    private Mat smooth;
    private Mat bleed;
    private Mat gx;
    private Mat gy;
    private double[] jsob;
    private double[] isob;
    private double[] mag;
    private int[] stack;
    private double cachedSigma = Double.NaN;
    private Mat kernel;

    private void ensure(int width, int height, double sigma) {
        if (width != w || height != h || src == null) {
            release();
            w = width;
            h = height;
            src = new Mat(h, w, CvType.CV_64F);
            smooth = new Mat(h, w, CvType.CV_64F);
            bleed = new Mat(h, w, CvType.CV_64F);
            gx = new Mat(h, w, CvType.CV_64F);
            gy = new Mat(h, w, CvType.CV_64F);
            jsob = new double[w * h];
            isob = new double[w * h];
            mag = new double[w * h];
            stack = new int[w * h];
            cachedSigma = Double.NaN;
        }
        if (sigma != cachedSigma) {
            int radius = (int) (4.0 * sigma + 0.5);
            kernel = gaussianKernel(sigma, radius);
            Mat ones = new Mat(h, w, CvType.CV_64F);
            ones.setTo(new org.opencv.core.Scalar(1.0));
            filter(ones, bleed);
            ones.release();
            Core.add(bleed, new org.opencv.core.Scalar(Math.ulp(1.0)), bleed);
            cachedSigma = sigma;
        }
    }

    /** scipy.ndimage._gaussian_kernel1d(sigma, 0, radius). */
    private static Mat gaussianKernel(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        if (sigma == 0) {
            k[radius] = 1;
            sum = 1;
        } else {
            double s2 = sigma * sigma;
            for (int x = -radius; x <= radius; x++) {
                k[x + radius] = Math.exp(-0.5 / s2 * x * x);
                sum += k[x + radius];
            }
        }
        Mat m = new Mat(k.length, 1, CvType.CV_64F);
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        m.put(0, 0, k);
        return m;
    }

    private void filter(Mat in, Mat out) {
        Imgproc.sepFilter2D(in, out, CvType.CV_64F, kernel, kernel, new Point(-1, -1), 0, Core.BORDER_CONSTANT);
    }

    /**
     * @param image  w*h values (scikit-image's float image: codes/255 for uint8, the float values otherwise)
     * @param low    low threshold on the magnitude
     * @param high   high threshold
     * @param edges  output, w*h bytes, 1 = edge
     */
    void edges(double[] image, int width, int height, double sigma, double low, double high, byte[] edges) {
        ensure(width, height, sigma);
        src.put(0, 0, image);
        filter(src, smooth);
        Core.divide(smooth, bleed, smooth);
        Imgproc.Sobel(smooth, gx, CvType.CV_64F, 1, 0, 3, 1, 0, Core.BORDER_REFLECT);
        Imgproc.Sobel(smooth, gy, CvType.CV_64F, 0, 1, 3, 1, 0, Core.BORDER_REFLECT);
        gx.get(0, 0, jsob);
        gy.get(0, 0, isob);
        final int W = w;
        final int n = w * h;
        final double[] m = mag;
        for (int i = 0; i < n; i++) {
            double a = isob[i];
            double b = jsob[i];
            m[i] = Math.sqrt(a * a + b * b);
        }
        java.util.Arrays.fill(edges, (byte) 0);
        // Non-maximum suppression. edges: 0 none, 1 = local max >= low (candidate), 2 = local max >= high
        for (int r = 1; r < h - 1; r++) {
            int row = r * W;
            for (int c = 1; c < W - 1; c++) {
                int p = row + c;
                double mm = m[p];
                if (!(mm > 0) || mm < low) {
                    continue; // not a local maximum candidate or below low: never part of the output
                }
                double is = isob[p];
                double js = jsob[p];
                double ai = Math.abs(is);
                double aj = Math.abs(js);
                boolean horizontal = ai >= aj;
                boolean vertical = ai <= aj;
                boolean sameSign = (is >= 0 && js >= 0) || (is <= 0 && js <= 0);
                boolean oppSign = (is <= 0 && js >= 0) || (is >= 0 && js <= 0);
                boolean maxim;
                // scikit-image assigns the classes in order 0-45, 45-90, 90-135, 135-180; later ones win
                if (oppSign && horizontal) { // 135-180
                    double wgt = aj / ai;
                    double cPlus = m[p - W + 1] * wgt + m[p - W] * (1 - wgt);
                    double cMinus = m[p + W - 1] * wgt + m[p + W] * (1 - wgt);
                    maxim = cPlus <= mm && cMinus <= mm;
                } else if (oppSign && vertical) { // 90-135
                    double wgt = ai / aj;
                    double cPlus = m[p - W + 1] * wgt + m[p + 1] * (1 - wgt);
                    double cMinus = m[p + W - 1] * wgt + m[p - 1] * (1 - wgt);
                    maxim = cPlus <= mm && cMinus <= mm;
                } else if (sameSign && vertical) { // 45-90
                    double wgt = ai / aj;
                    double cPlus = m[p + W + 1] * wgt + m[p + 1] * (1 - wgt);
                    double cMinus = m[p - W - 1] * wgt + m[p - 1] * (1 - wgt);
                    maxim = cPlus <= mm && cMinus <= mm;
                } else if (sameSign && horizontal) { // 0-45
                    double wgt = aj / ai;
                    double cPlus = m[p + W + 1] * wgt + m[p + W] * (1 - wgt);
                    double cMinus = m[p - W - 1] * wgt + m[p - W] * (1 - wgt);
                    maxim = cPlus <= mm && cMinus <= mm;
                } else {
                    maxim = false;
                }
                if (maxim) {
                    edges[p] = (byte) (mm >= high ? 2 : 1);
                }
            }
        }
        // Hysteresis: grow from strong pixels through 8-connected candidates.
        int sp = 0;
        for (int p = 0; p < n; p++) {
            if (edges[p] == 2) {
                edges[p] = 3;
                stack[sp++] = p;
                while (sp > 0) {
                    int q = stack[--sp];
                    int qr = q / W;
                    int qc = q - qr * W;
                    for (int dr = -1; dr <= 1; dr++) {
                        int rr = qr + dr;
                        if (rr < 0 || rr >= h) {
                            continue;
                        }
                        for (int dc = -1; dc <= 1; dc++) {
                            int cc = qc + dc;
                            if (cc < 0 || cc >= W) {
                                continue;
                            }
                            int t = rr * W + cc;
                            byte e = edges[t];
                            if (e == 1 || e == 2) {
                                edges[t] = 3;
                                stack[sp++] = t;
                            }
                        }
                    }
                }
            }
        }
        for (int p = 0; p < n; p++) {
            edges[p] = (byte) (edges[p] == 3 ? 1 : 0);
        }
    }

    void release() {
        for (Mat mt : new Mat[] {src, smooth, bleed, gx, gy, kernel}) {
            if (mt != null) {
                mt.release();
            }
        }
        src = null;
    }
}
