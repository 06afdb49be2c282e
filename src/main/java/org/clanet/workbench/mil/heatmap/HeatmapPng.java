package org.clanet.workbench.mil.heatmap;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.clanet.workbench.imaging.GrayImage;

/**
 * A frame with its attention heatmap blended over it and a legend below: the class whose attention is shown
 * ("attention for: A549"), a colour bar with the scale's min and max, the scale and render mode. What the
 * workbench exports and {@code clanet predict --heatmaps OUT} writes, one per frame.
 */
public final class HeatmapPng {

    /** Height of the legend band under the frame. */
    public static final int LEGEND_HEIGHT = 76;
    /** The image is at least this wide so the legend fits next to a small frame. */
    public static final int MIN_WIDTH = 560;

    private HeatmapPng() {
    }

    /**
     * PNG bytes: {@code frame} (the gray image the patches were selected on, or any image covering the same field)
     * with the heatmap of {@code attention} blended at {@code style.alpha()}, and the legend.
     *
     * @param className the class whose attention is shown, e.g. "A549"
     * @param caption   a line next to the class name, e.g. the frame's name and time; may be empty
     */
    public static byte[] render(GrayImage frame, FrameAttention attention, AttentionScale scale, HeatmapStyle style,
                                String className, String caption) {
        return Pngs.encode(image(frame, attention, scale, style, className, caption));
    }

    /** The image {@link #render} encodes. */
    public static BufferedImage image(GrayImage frame, FrameAttention attention, AttentionScale scale,
                                      HeatmapStyle style, String className, String caption) {
        int fw = frame.width();
        int fh = frame.height();
        HeatmapRaster heat = HeatmapRenderer.render(attention, scale, style, fw, fh);
        int[] gray = Pngs.stretch(frame);
        int width = Math.max(fw, MIN_WIDTH);
        BufferedImage img = new BufferedImage(width, fh + LEGEND_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pngs.graphics(img);
        g.setColor(Pngs.BACKGROUND);
        g.fillRect(0, 0, width, fh + LEGEND_HEIGHT);
        int[] row = new int[fw];
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                row[x] = blend(gray[y * fw + x], heat.argb()[y * fw + x]);
            }
            img.setRGB(0, y, fw, 1, row, 0, fw);
        }
        drawLegend(g, img, fh, scale, style, className, caption);
        g.dispose();
        return img;
    }

    /** Gray level blended with a non-premultiplied ARGB heatmap pixel, as 0xRRGGBB. */
    static int blend(int gray, int argb) {
        int a = argb >>> 24;
        if (a == 0) {
            return gray << 16 | gray << 8 | gray;
        }
        int r = (gray * (255 - a) + (argb >> 16 & 0xff) * a + 127) / 255;
        int gg = (gray * (255 - a) + (argb >> 8 & 0xff) * a + 127) / 255;
        int b = (gray * (255 - a) + (argb & 0xff) * a + 127) / 255;
        return r << 16 | gg << 8 | b;
    }

    /** Where the colour bar is drawn in an image with a frame of height {@code frameHeight} (one column per entry). */
    public static Rectangle colourBar(int frameHeight) {
        return new Rectangle(12, frameHeight + 30, ColorMap.SIZE, 14);
    }

    private static void drawLegend(Graphics2D g, BufferedImage img, int fh, AttentionScale scale, HeatmapStyle style,
                                   String className, String caption) {
        Rectangle bar = colourBar(fh);
        g.setColor(Pngs.TEXT);
        g.setFont(Pngs.font(Font.BOLD, 14));
        String title = "attention for: " + (className == null || className.isBlank() ? "?" : className);
        g.drawString(title, bar.x, fh + 20);
        if (caption != null && !caption.isBlank()) {
            int tw = g.getFontMetrics().stringWidth(title);
            g.setFont(Pngs.font(Font.PLAIN, 12));
            g.setColor(Pngs.MUTED);
            g.drawString("  ·  " + caption, bar.x + tw, fh + 20);
        }
        for (int i = 0; i < ColorMap.SIZE; i++) {
            int c = style.colorMap().entry(i);
            for (int y = bar.y; y < bar.y + bar.height; y++) {
                img.setRGB(bar.x + i, y, c);
            }
        }
        g.setColor(Pngs.MUTED);
        g.drawRect(bar.x - 1, bar.y - 1, bar.width + 1, bar.height + 1);
        g.setFont(Pngs.font(Font.PLAIN, 11));
        g.setColor(Pngs.TEXT);
        String lo = String.format(Locale.ROOT, "%.3g", scale.lo());
        String hi = String.format(Locale.ROOT, "%.3g", scale.hi());
        int ty = bar.y + bar.height + 14;
        g.drawString(lo, bar.x, ty);
        g.drawString(hi, bar.x + bar.width - g.getFontMetrics().stringWidth(hi), ty);
        int tx = bar.x + bar.width + 16;
        g.setColor(Pngs.MUTED);
        g.drawString(scale.describe(), tx, bar.y + 10);
        g.drawString(String.format(Locale.ROOT, "%s · %s · alpha %.2f · below %.2f transparent",
                style.colorMap(), style.renderMode(), style.alpha(), style.threshold()), tx, ty);
    }
}
