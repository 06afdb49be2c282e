package org.clanet.workbench.mil.heatmap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clanet.workbench.selection.OpenCvSupport;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a frame's patch attention into an ARGB raster (any thread; no shared state).
 *
 * <p>{@link RenderMode#PATCHES}: each box filled with the colour of its normalised attention, boxes drawn from the
 * lowest attention to the highest so the highest is on top. {@link RenderMode#SMOOTH}: the normalised attention is
 * splatted into a float map, overlapping boxes combined by <b>max</b> (a sum would give overlaps values no patch
 * had, and patches overlap a lot: selection allows IoU up to its threshold); the map and the patch coverage are
 * Gaussian-blurred (σ = a quarter of the median patch side) and divided (normalised convolution), so colours
 * follow the patches' own values without darkening towards box edges, and the opacity fades out over about 2σ
 * around the covered area. In both modes pixels whose normalised attention is below the style's threshold are
 * transparent (smooth mode ramps the opacity up over the next 0.05 so the threshold leaves no hard contour).
 */
public final class HeatmapRenderer {

    /** Frames larger than this (either side) are rendered downsampled by default. */
    public static final int DEFAULT_MAX_SIDE = 1024;
    static final double THRESHOLD_RAMP = 0.05;

    private HeatmapRenderer() {
    }

    /** Renders at the frame's size, or downsampled so that the longer side is at most {@code maxSide}. */
    public static HeatmapRaster render(FrameAttention frame, AttentionScale scale, HeatmapStyle style, int maxSide) {
        double f = Math.min(1, (double) maxSide / Math.max(frame.width(), frame.height()));
        int w = Math.max(1, (int) Math.round(frame.width() * f));
        int h = Math.max(1, (int) Math.round(frame.height() * f));
        return render(frame, scale, style, w, h);
    }

    /** Renders into a {@code outW × outH} raster covering the frame's whole pixel space. */
    public static HeatmapRaster render(FrameAttention frame, AttentionScale scale, HeatmapStyle style, int outW,
                                       int outH) {
        int[] argb = new int[outW * outH];
        double sx = (double) outW / frame.width();
        double sy = (double) outH / frame.height();
        List<PatchAttention> order = new ArrayList<>(frame.patches());
        order.sort(Comparator.comparingDouble(PatchAttention::attention));
        if (style.renderMode() == RenderMode.PATCHES) {
            int alpha = (int) Math.round(style.alpha() * 255);
            for (PatchAttention p : order) {
                double v = scale.normalise(p.attention());
                if (v < style.threshold()) {
                    continue;
                }
                int c = style.colorMap().argb(v, alpha);
                Box b = box(p, sx, sy, outW, outH);
                for (int y = b.y0; y < b.y1; y++) {
                    java.util.Arrays.fill(argb, y * outW + b.x0, y * outW + b.x1, c);
                }
            }
        } else if (!order.isEmpty()) {
            smooth(order, scale, style, sx, sy, outW, outH, argb);
        }
        return new HeatmapRaster(outW, outH, frame.width(), frame.height(), argb);
    }

    private record Box(int x0, int y0, int x1, int y1) {
    }

    /** The patch's box in raster pixels, clipped, at least one pixel. */
    private static Box box(PatchAttention p, double sx, double sy, int w, int h) {
        int x0 = clamp((int) Math.floor(p.x() * sx), 0, w - 1);
        int y0 = clamp((int) Math.floor(p.y() * sy), 0, h - 1);
        int x1 = clamp((int) Math.ceil((p.x() + p.w()) * sx), x0 + 1, w);
        int y1 = clamp((int) Math.ceil((p.y() + p.h()) * sy), y0 + 1, h);
        return new Box(x0, y0, x1, y1);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static void smooth(List<PatchAttention> patches, AttentionScale scale, HeatmapStyle style, double sx,
                               double sy, int w, int h, int[] argb) {
        float[] value = new float[w * h];
        float[] cover = new float[w * h];
        double[] sides = new double[patches.size()];
        for (int i = 0; i < patches.size(); i++) {
            PatchAttention p = patches.get(i);
            sides[i] = Math.min(p.w() * sx, p.h() * sy);
            float v = (float) scale.normalise(p.attention());
            Box b = box(p, sx, sy, w, h);
            for (int y = b.y0; y < b.y1; y++) {
                int row = y * w;
                for (int x = b.x0; x < b.x1; x++) {
                    value[row + x] = Math.max(value[row + x], v);
                    cover[row + x] = 1;
                }
            }
        }
        java.util.Arrays.sort(sides);
        double sigma = Math.max(0.5, sides[sides.length / 2] / 4);
        float[] blurredValue = blur(value, w, h, sigma);
        float[] blurredCover = blur(cover, w, h, sigma);
        for (int i = 0; i < argb.length; i++) {
            float c = blurredCover[i];
            if (c < 1e-3f) {
                continue;
            }
            double v = Math.min(1, blurredValue[i] / c);
            double ramp = (v - style.threshold()) / THRESHOLD_RAMP;
            if (ramp <= 0) {
                continue;
            }
            double a = style.alpha() * Math.min(1, 2 * c) * Math.min(1, ramp);
            argb[i] = style.colorMap().argb(v, (int) Math.round(a * 255));
        }
    }

    /** Gaussian blur with OpenCV (kernel from σ, reflected border). */
    static float[] blur(float[] pixels, int w, int h, double sigma) {
        OpenCvSupport.load();
        Mat src = new Mat(h, w, CvType.CV_32F);
        Mat dst = new Mat();
        try {
            src.put(0, 0, pixels);
            Imgproc.GaussianBlur(src, dst, new Size(0, 0), sigma, sigma, Core.BORDER_REFLECT_101);
            float[] out = new float[w * h];
            dst.get(0, 0, out);
            return out;
        } finally {
            src.release();
            dst.release();
        }
    }
}
