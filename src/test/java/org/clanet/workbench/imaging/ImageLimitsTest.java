package org.clanet.workbench.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames bigger than the limit are refused from their header; the viewer's preview is subsampled instead. */
class ImageLimitsTest {

    @TempDir
    Path tmp;

    @Test
    void limitsParseInTheFormsUsersWrite() {
        assertEquals(40_000_000, ImageLimits.parse("40000000"));
        assertEquals(40_000_000, ImageLimits.parse("40M"));
        assertEquals(40_000_000, ImageLimits.parse("40 MP"));
        assertEquals(48_000_000, ImageLimits.parse("8000x6000"));
        assertEquals(48_000_000, ImageLimits.parse("8000×6000"));
        assertEquals(1_500_000_000L, ImageLimits.parse("1.5G"));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.parse("0"));
    }

    @Test
    void defaultFollowsTheHeap() {
        long oneGiB = 1L << 30;
        assertEquals(oneGiB / (ImageLimits.SELECTION_BYTES_PER_PIXEL * ImageLimits.CONCURRENT_FRAMES),
                ImageLimits.fromHeap(oneGiB));
        // a 12000x12000 frame is refused at -Xmx1g, a 1408x1040 Incucyte frame is not
        assertTrue(ImageLimits.fromHeap(oneGiB) < 12000L * 12000);
        assertTrue(ImageLimits.fromHeap(oneGiB) > 1408L * 1040 * 2);
    }

    @Test
    void tooLargeIsRefusedBeforeDecodingWithSizeAndLimit() throws IOException {
        Path f = tmp.resolve("big.png");
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY), "png", f.toFile());
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ImageLoader.loadGray(f, 50_000));
        assertTrue(e.reason().startsWith("image too large for selection (300×200, limit 0.1 MP, about 223×223"),
                e.reason());
        assertEquals(300 * 200, ImageLoader.loadGray(f, 60_000).pixels().length);

        String old = System.getProperty(ImageLimits.PROPERTY);
        System.setProperty(ImageLimits.PROPERTY, "200x100");
        try {
            assertEquals(20_000, ImageLimits.maxSelectionPixels());
            assertThrows(ImageTooLargeException.class, () -> ImageLoader.loadGray(f));
        } finally {
            if (old == null) {
                System.clearProperty(ImageLimits.PROPERTY);
            } else {
                System.setProperty(ImageLimits.PROPERTY, old);
            }
        }
    }

    @Test
    void previewSubsamplesBigFilesWhileDecoding() throws IOException {
        BufferedImage img = ImageLoadingTest.ramp(BufferedImage.TYPE_BYTE_GRAY, 300, 200, 256);
        Path f = tmp.resolve("p.png");
        ImageIO.write(img, "png", f.toFile());
        ImageLoader.Preview whole = ImageLoader.loadPreview(f, 60_000);
        assertEquals(1, whole.step());
        ImageLoader.Preview small = ImageLoader.loadPreview(f, 10_000);
        assertEquals(3, small.step()); // ceil(sqrt(60000 / 10000))
        assertTrue(small.downsampled());
        assertEquals(100, small.image().width());
        assertEquals(67, small.image().height());
        assertEquals(300, small.fullWidth());
        // every third pixel of every third row
        assertEquals(img.getRaster().getSample(6, 9, 0) / 255f, small.image().get(2, 3), 0f);
    }
}
