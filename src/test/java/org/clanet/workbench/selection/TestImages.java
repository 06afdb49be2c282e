package org.clanet.workbench.selection;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.clanet.workbench.imaging.GrayImage;

/** Test helpers: read 8-bit gray images with javax.imageio, apply the Incucyte crop, locate shared data. */
final class TestImages {

    private TestImages() {
    }

    /** ${clanet.shared} (surefire sets it to ../shared), or null when absent. */
    static Path shared() {
        String s = System.getProperty("clanet.shared", "../shared");
        Path p = Path.of(s);
        return Files.isDirectory(p) ? p : null;
    }

    static GrayImage read8(Path file) throws IOException {
        BufferedImage bi = ImageIO.read(file.toFile());
        if (bi == null) {
            throw new IOException("unreadable " + file);
        }
        int w = bi.getWidth();
        int h = bi.getHeight();
        float[] px = new float[w * h];
        Raster r = bi.getRaster();
        if (r.getNumBands() == 1 && r.getSampleModel().getSampleSize(0) == 8) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = row[x] / 255f;
                }
            }
            return new GrayImage(w, h, px, 8);
        }
        throw new IOException("not an 8-bit gray image: " + file);
    }

    /** The Incucyte preset for a 1408x1040 frame: bottom 150 rows cut (no resize needed). */
    static GrayImage incucyte(GrayImage g) {
        if (g.width() != 1408 || g.height() != 1040) {
            return g;
        }
        int h = 1040 - 150;
        float[] px = new float[1408 * h];
        System.arraycopy(g.pixels(), 0, px, 0, px.length);
        return new GrayImage(1408, h, px, g.sourceBits());
    }

    static List<Path> images(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase();
                return n.endsWith(".tif") || n.endsWith(".png");
            }).sorted().toList();
        }
    }

    /** Foreground IoU of two masks (non-zero = foreground); 1 when both are empty. */
    static double maskIou(byte[] a, byte[] b) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] != 0;
            boolean y = b[i] != 0;
            if (x && y) {
                inter++;
            }
            if (x || y) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
