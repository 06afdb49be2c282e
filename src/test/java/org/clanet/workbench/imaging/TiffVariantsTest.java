package org.clanet.workbench.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TIFF variants that real microscopes and ImageMagick write: every one decodes to the same values as the
 * reference PNG it was made from (files from {@code tools/robust/make-tiff-variants.sh}, and files from the
 * JDK's own TIFF writer), and what stays unreadable says "unsupported: …", not "corrupt".
 */
class TiffVariantsTest {

    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = TiffVariantsTest.class.getResourceAsStream("/imaging/tiff/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lzw-predictor-16.tif", "zip-16.tif", "zip-predictor-16.tif", "packbits-16.tif",
        "none-16-msb.tif"})
    void imageMagickSixteenBitTiffsMatchTheReferencePng(String name) throws IOException {
        GrayImage ref = ImageLoader.loadGray(resource("ref16.png"));
        GrayImage tif = ImageLoader.loadGray(resource(name));
        assertEquals(16, tif.sourceBits(), name);
        assertEquals(new ImageHeader(ImageFormat.TIFF, 64, 48, 16, 1), ImageHeaderReader.read(tmp.resolve(name)));
        assertArrayEquals(ref.pixels(), tif.pixels(), name);
        assertTrue(distinctValues(ref) > 100, "the reference is not flat");
    }

    @Test
    void imageMagickEightBitLzwWithPredictor() throws IOException {
        GrayImage ref = ImageLoader.loadGray(resource("ref8.png"));
        GrayImage tif = ImageLoader.loadGray(resource("lzw-predictor-8.tif"));
        assertEquals(8, tif.sourceBits());
        assertArrayEquals(ref.pixels(), tif.pixels());
    }

    @Test
    void floatingPointTiffIsUnsupportedNotCorrupt() throws IOException {
        Path f = resource("float-32.tif");
        ImageReadException e = assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(f));
        assertTrue(e.reason().startsWith("unsupported: "), e.reason());
        assertTrue(!e.reason().contains("corrupt"), e.reason());
    }

    @Test
    void unknownCompressionIsUnsupportedWithItsName() throws IOException {
        Path f = jdkTiff(ramp16(), "Deflate", "jp2.tif");
        byte[] b = Files.readAllBytes(f);
        patchShortTag(b, 259, 34712); // JPEG 2000
        Files.write(f, b);
        ImageReadException e = assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(f));
        assertEquals("unsupported: TIFF compression 34712 (JPEG 2000)", e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Deflate", "ZLib", "PackBits", "LZW", "Uncompressed"})
    void jdkWrittenSixteenBitTiffs(String compression) throws IOException {
        BufferedImage img = ramp16();
        Path f = jdkTiff(img, compression, "jdk-" + compression + ".tif");
        GrayImage g = ImageLoader.loadGray(f);
        assertEquals(16, g.sourceBits());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRaster().getSample(x, y, 0) / 65535f, g.get(x, y), 0f, compression);
            }
        }
    }

    static BufferedImage ramp16() {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                r.setSample(x, y, 0, (x * 1637 + y * 911 + x * y * 13) % 65536);
            }
        }
        return img;
    }

    Path jdkTiff(BufferedImage img, String compression, String name) throws IOException {
        Path f = tmp.resolve(name);
        ImageWriter writer = ImageLoadingTest.jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (!compression.equals("Uncompressed")) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return f;
    }

    /** Overwrites the SHORT value of {@code tag} in the first directory of a big-endian JDK TIFF. */
    static void patchShortTag(byte[] b, int tag, int value) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(
                b[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = buf.getInt(4);
        int n = buf.getShort(ifd) & 0xffff;
        for (int i = 0; i < n; i++) {
            int at = ifd + 2 + i * 12;
            if ((buf.getShort(at) & 0xffff) == tag) {
                buf.putShort(at + 8, (short) value);
                return;
            }
        }
        throw new IllegalArgumentException("no tag " + tag);
    }

    private static long distinctValues(GrayImage g) {
        java.util.Set<Float> s = new java.util.HashSet<>();
        for (float v : g.pixels()) {
            s.add(v);
        }
        return s.size();
    }
}
