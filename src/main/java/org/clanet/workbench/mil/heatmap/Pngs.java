package org.clanet.workbench.mil.heatmap;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.clanet.workbench.imaging.GrayImage;

/** Shared drawing helpers of the PNG exports (headless AWT: fonts from the system, no display needed). */
final class Pngs {

    static final java.awt.Color BACKGROUND = java.awt.Color.WHITE;
    static final java.awt.Color TEXT = new java.awt.Color(0x20, 0x21, 0x24);
    static final java.awt.Color MUTED = new java.awt.Color(0x5f, 0x63, 0x68);

    private Pngs() {
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    static byte[] encode(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gray levels 0..255 of the image stretched between its 0.5th and 99.5th percentiles (the viewer's default
     * auto-contrast), so that dim brightfield frames stay readable under the heatmap.
     */
    static int[] stretch(GrayImage img) {
        float[] px = img.pixels();
        int step = Math.max(1, px.length / 200_000);
        float[] sample = new float[(px.length + step - 1) / step];
        for (int i = 0, j = 0; i < px.length && j < sample.length; i += step, j++) {
            sample[j] = px[i];
        }
        Arrays.sort(sample);
        float lo = sample[(int) (0.005 * (sample.length - 1))];
        float hi = sample[(int) Math.ceil(0.995 * (sample.length - 1))];
        float span = hi > lo ? hi - lo : 1;
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = Math.max(0, Math.min(255, Math.round((px[i] - lo) / span * 255)));
        }
        return out;
    }
}
