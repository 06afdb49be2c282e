package org.clanet.workbench.app.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;

/** PNG export of what a node shows (FX thread). */
public final class Snapshots {

    private Snapshots() {
    }

    /** The node as PNG bytes, on a white background. */
    public static byte[] png(Node node) throws IOException {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        return png(node.snapshot(p, null));
    }

    public static byte[] png(WritableImage img) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pr = img.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pr.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            bi.setRGB(0, y, w, 1, row, 0, w);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(bi, "png", out);
            return out.toByteArray();
        }
    }
}
