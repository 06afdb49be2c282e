package org.clanet.workbench.app.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.clanet.workbench.imaging.ImageHeaderReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale bar: a round length near 120 px on screen, in µm from the TIFF resolution tags or the setting. */
class ScaleBarTest {

    @Test
    void roundLengthsNearTheTargetWidth() {
        // 1 µm per pixel at 100 %: 120 px ≈ 120 µm → 100 µm, 100 px long
        assertEquals(new ScaleBarLayer.Bar(100, "100 µm", 100), ScaleBarLayer.choose(1, 1));
        // 0.5 µm per pixel at 25 %: 2 µm per screen px, 240 µm → 200 µm, 100 px
        assertEquals(new ScaleBarLayer.Bar(200, "200 µm", 100), ScaleBarLayer.choose(0.25, 0.5));
        // 8× zoom, 1.24 µm per pixel: 0.155 µm per screen px, 18.6 µm → 20 µm
        assertEquals("20 µm", ScaleBarLayer.choose(8, 1.24).label());
        assertEquals(20 / 0.155, ScaleBarLayer.choose(8, 1.24).screenPx(), 1e-9);
        // unknown pixel size: the bar is in image pixels
        assertEquals(new ScaleBarLayer.Bar(100, "100 px", 100), ScaleBarLayer.choose(1, 0));
        assertEquals("20 mm", ScaleBarLayer.choose(0.1, 15).label()); // 150 µm per screen px: 18 mm → 20 mm
    }

    @Test
    void pixelSizeFromTiffResolutionTags(@TempDir Path tmp) throws Exception {
        // 1.24 µm per pixel = 8064.5 pixels per cm
        Path f = tmp.resolve("res.tif");
        ImageWriter w = org.clanet.workbench.imaging.ImageLoadingTestAccess.jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
            IIOMetadata meta = w.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(img),
                    w.getDefaultWriteParam());
            String fmt = "javax_imageio_1.0";
            javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode(fmt);
            javax.imageio.metadata.IIOMetadataNode dim = new javax.imageio.metadata.IIOMetadataNode("Dimension");
            javax.imageio.metadata.IIOMetadataNode hps = new javax.imageio.metadata.IIOMetadataNode("HorizontalPixelSize");
            hps.setAttribute("value", "0.00124"); // mm per pixel
            javax.imageio.metadata.IIOMetadataNode vps = new javax.imageio.metadata.IIOMetadataNode("VerticalPixelSize");
            vps.setAttribute("value", "0.00124");
            dim.appendChild(hps);
            dim.appendChild(vps);
            root.appendChild(dim);
            meta.mergeTree(fmt, root);
            w.write(null, new IIOImage(img, null, meta), w.getDefaultWriteParam());
        } finally {
            w.dispose();
        }
        assertEquals(1.24, ImageHeaderReader.read(f).micronsPerPixel(), 1e-3);
    }
}
