package org.clanet.workbench.mil.heatmap;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The frame strip as a PNG: one bar per frame in time order, its height the frame's summed attention relative to
 * the largest, its colour that value on the colour map. Which frames of the time-lapse the model looked at.
 */
public final class FrameStrip {

    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 180;
    static final int TOP = 28;
    static final int BOTTOM = 24;
    static final int SIDE = 12;

    private FrameStrip() {
    }

    /** Summed attention per frame, in the order given (time order). */
    public static double[] summed(List<FrameAttention> frames) {
        return frames.stream().mapToDouble(FrameAttention::summed).toArray();
    }

    /** PNG bytes of the strip; {@code labels} (same length as {@code summed}) name the frames, first and last shown. */
    public static byte[] render(double[] summed, List<String> labels, ColorMap map, String className, int width,
                                int height) {
        return Pngs.encode(image(summed, labels, map, className, width, height));
    }

    public static BufferedImage image(double[] summed, List<String> labels, ColorMap map, String className,
                                      int width, int height) {
        if (labels.size() != summed.length) {
            throw new IllegalArgumentException(labels.size() + " labels for " + summed.length + " frames");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pngs.graphics(img);
        g.setColor(Pngs.BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(Pngs.TEXT);
        g.setFont(Pngs.font(Font.BOLD, 13));
        g.drawString("summed attention per frame · attention for: " + className, SIDE, 18);
        double max = 0;
        for (double s : summed) {
            max = Math.max(max, s);
        }
        int plotH = height - TOP - BOTTOM;
        int n = summed.length;
        for (int i = 0; i < n; i++) {
            Bar b = bar(i, n, summed[i], max, width, height);
            g.setColor(new java.awt.Color(map.rgb(max > 0 ? summed[i] / max : 0)));
            g.fillRect(b.x, b.y, b.w, b.h);
        }
        g.setColor(Pngs.MUTED);
        g.drawLine(SIDE, TOP + plotH, width - SIDE, TOP + plotH);
        g.setFont(Pngs.font(Font.PLAIN, 11));
        if (n > 0) {
            g.drawString(labels.get(0), SIDE, height - 7);
            String last = labels.get(n - 1);
            g.drawString(last, width - SIDE - g.getFontMetrics().stringWidth(last), height - 7);
            String m = String.format(Locale.ROOT, "max %.3g", max);
            g.drawString(m, width - SIDE - g.getFontMetrics().stringWidth(m), 18);
        }
        g.dispose();
        return img;
    }

    /** A bar's box in pixels. */
    record Bar(int x, int y, int w, int h) {
    }

    /** Bar {@code i} of {@code n}: equal slots across the width, 1 px gap when there is room, at least 1 px high. */
    static Bar bar(int i, int n, double value, double max, int width, int height) {
        int plotW = width - 2 * SIDE;
        int plotH = height - TOP - BOTTOM;
        int x0 = SIDE + (int) Math.floor((double) i * plotW / n);
        int x1 = SIDE + (int) Math.floor((double) (i + 1) * plotW / n);
        int w = Math.max(1, x1 - x0 - (x1 - x0 >= 4 ? 1 : 0));
        int h = max > 0 ? Math.max(1, (int) Math.round(value / max * plotH)) : 1;
        return new Bar(x0, TOP + plotH - h, w, h);
    }
}
