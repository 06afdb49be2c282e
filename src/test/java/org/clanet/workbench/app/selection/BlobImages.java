package org.clanet.workbench.app.selection;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.clanet.workbench.app.TestDatasets;

/** Synthetic brightfield-like frames: dark cells with a bright rim on mid gray, so the CLANet mask finds cells. */
final class BlobImages {

    private BlobImages() {
    }

    /** A {@code w}×{@code h} 8-bit gray PNG with {@code blobs} cells placed by {@code seed}. */
    static void write(Path file, int w, int h, long seed, int blobs) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Random rnd = new Random(seed);
        double[] v = new double[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = 128 + rnd.nextGaussian() * 3;
        }
        for (int b = 0; b < blobs; b++) {
            double cx = 20 + rnd.nextDouble() * (w - 40);
            double cy = 20 + rnd.nextDouble() * (h - 40);
            double r = 7 + rnd.nextDouble() * 8;
            boolean dark = rnd.nextBoolean() || b % 3 != 0;
            for (int y = (int) Math.max(0, cy - r - 3); y < Math.min(h, cy + r + 3); y++) {
                for (int x = (int) Math.max(0, cx - r - 3); x < Math.min(w, cx + r + 3); x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    if (d <= r) {
                        v[y * w + x] = dark ? 55 + rnd.nextGaussian() * 4 : 200 + rnd.nextGaussian() * 4;
                    } else if (d <= r + 2.5) {
                        v[y * w + x] = dark ? 215 : 60;
                    }
                }
            }
        }
        for (int i = 0; i < v.length; i++) {
            data[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v[i])));
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** A constant-gray frame (no cells at all). */
    static void blank(Path file, int w, int h, int gray) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(data, (byte) gray);
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * MCF7/batch_1: G7 with 4 frames of cells (360×280, 4 h apart); A549/batch_2: B2 = a blank frame, a tiny frame
     * (60×40) and a truncated file, to exercise the per-frame notes.
     */
    static Path dataset(Path root) throws IOException {
        for (int i = 0; i < 4; i++) {
            write(root.resolve("MCF7/batch_1/" + TestDatasets.name(1, "G7", 4 * i)), 360, 280, 11 + i, 40);
        }
        blank(root.resolve("A549/batch_2/" + TestDatasets.name(2, "B2", 0)), 360, 280, 128);
        write(root.resolve("A549/batch_2/" + TestDatasets.name(2, "B2", 4)), 60, 40, 5, 2);
        Path bad = root.resolve("A549/batch_2/" + TestDatasets.name(2, "B2", 8));
        write(bad, 360, 280, 7, 30);
        TestDatasets.truncate(bad, 120);
        return root;
    }
}
