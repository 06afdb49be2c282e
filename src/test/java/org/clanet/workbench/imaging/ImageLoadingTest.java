package org.clanet.workbench.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoadingTest {

    @TempDir
    Path tmp;

    /** A gray ramp: value at (x, y) = (x + 3y) mod range. */
    static BufferedImage ramp(int type, int w, int h, int range) {
        BufferedImage img = new BufferedImage(w, h, type);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, (x * 37 + y * 101) % range);
            }
        }
        return img;
    }

    /** The JDK's own TIFF writer (the TwelveMonkeys plug-in registers one ahead of it). */
    static ImageWriter jdkTiffWriter() {
        java.util.Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer is not registered");
    }

    static void writeTiff(BufferedImage img, Path file, String compression) throws IOException {
        ImageWriter writer = jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(compression);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }

    @Test
    void eightBitGrayPngIsCodesOver255() throws IOException {
        BufferedImage img = ramp(BufferedImage.TYPE_BYTE_GRAY, 31, 17, 256);
        Path f = tmp.resolve("a.png");
        ImageIO.write(img, "png", f.toFile());
        GrayImage g = ImageLoader.loadGray(f);
        assertEquals(8, g.sourceBits());
        assertEquals(31, g.width());
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 31; x++) {
                assertEquals(((x * 37 + y * 101) % 256) / 255f, g.get(x, y), 1e-7);
            }
        }
        ImageHeader h = ImageHeaderReader.read(f);
        assertEquals(new ImageHeader(ImageFormat.PNG, 31, 17, 8, 1), h);
    }

    @Test
    void sixteenBitPngAndLzwTiff() throws IOException {
        BufferedImage img = ramp(BufferedImage.TYPE_USHORT_GRAY, 40, 21, 65536);
        Path png = tmp.resolve("b.png");
        ImageIO.write(img, "png", png.toFile());
        Path tif = tmp.resolve("b.tif");
        writeTiff(img, tif, "LZW");
        for (Path f : new Path[] {png, tif}) {
            GrayImage g = ImageLoader.loadGray(f);
            assertEquals(16, g.sourceBits(), f.toString());
            assertEquals(((5 * 37 + 7 * 101) % 65536) / 65535f, g.get(5, 7), 1e-7);
            ImageHeader h = ImageHeaderReader.read(f);
            assertEquals(16, h.bitDepth());
            assertEquals(1, h.channels());
            assertEquals(40, h.width());
            assertEquals(21, h.height());
        }
    }

    @Test
    void eightBitLzwTiffMatchesThePng() throws IOException {
        BufferedImage img = ramp(BufferedImage.TYPE_BYTE_GRAY, 64, 48, 256);
        Path tif = tmp.resolve("c.tif");
        writeTiff(img, tif, "LZW");
        Path png = tmp.resolve("c.png");
        ImageIO.write(img, "png", png.toFile());
        assertTrue(Arrays.equals(ImageLoader.loadGray(png).pixels(), ImageLoader.loadGray(tif).pixels()));
        assertEquals(ImageFormat.TIFF, ImageHeaderReader.read(tif).format());
    }

    @Test
    void rgbUsesScikitImageLuminanceWeights() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x00FF00);
        img.setRGB(2, 0, 0x102030);
        Path f = tmp.resolve("rgb.png");
        ImageIO.write(img, "png", f.toFile());
        GrayImage g = ImageLoader.loadGray(f);
        assertEquals(0.2125, g.get(0, 0), 1e-6);
        assertEquals(0.7154, g.get(1, 0), 1e-6);
        assertEquals((0.2125 * 16 + 0.7154 * 32 + 0.0721 * 48) / 255, g.get(2, 0), 1e-6);
        assertEquals(3, ImageHeaderReader.read(f).channels());
    }

    @Test
    void jpegGrayAndRgb() throws IOException {
        BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 32, 16, 0, filled(32 * 16, 128));
        Path f = tmp.resolve("g.jpg");
        ImageIO.write(gray, "jpg", f.toFile());
        GrayImage g = ImageLoader.loadGray(f);
        assertEquals(128 / 255f, g.get(10, 10), 2 / 255f);
        assertEquals(new ImageHeader(ImageFormat.JPEG, 32, 16, 8, 1), ImageHeaderReader.read(f));
        BufferedImage rgb = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        Path c = tmp.resolve("c.jpg");
        ImageIO.write(rgb, "jpg", c.toFile());
        assertEquals(3, ImageHeaderReader.read(c).channels());
        assertEquals(0, ImageLoader.loadGray(c).get(3, 3), 2 / 255f);
    }

    static void writeTiff(BufferedImage img, Path file, java.nio.ByteOrder order) throws IOException {
        ImageWriter writer = jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            // the writer takes the byte order from its stream metadata (big-endian by default)
            javax.imageio.metadata.IIOMetadata stream = writer.getDefaultStreamMetadata(null);
            String format = stream.getNativeMetadataFormatName();
            javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode(format);
            javax.imageio.metadata.IIOMetadataNode byteOrder = new javax.imageio.metadata.IIOMetadataNode("ByteOrder");
            byteOrder.setAttribute("value", order.toString());
            root.appendChild(byteOrder);
            stream.mergeTree(format, root);
            writer.write(stream, new IIOImage(img, null, null), null);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A header-only TIFF: one directory of SHORT entries (width, height, BitsPerSample = {@code bits} per
     * sample, SamplesPerPixel), the BitsPerSample array (when it does not fit in the entry) at {@code bitsAt}.
     */
    static byte[] handMadeTiff(java.nio.ByteOrder order, int w, int h, int bits, int samples, int bitsAt) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.max(64, bitsAt + 2 * samples)).order(order);
        b.put(order == java.nio.ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 4);
        short[][] tags = {{256, (short) w}, {257, (short) h}, {258, (short) bits}, {277, (short) samples}};
        for (short[] t : tags) {
            b.putShort(t[0]).putShort((short) 3);
            boolean far = t[0] == 258 && samples > 2;
            b.putInt(t[0] == 258 ? samples : 1);
            if (far) {
                b.putInt(bitsAt);
            } else if (t[0] == 258 && samples == 2) {
                b.putShort(t[1]).putShort(t[1]);
            } else {
                b.putShort(t[1]).putShort((short) 0); // left-justified in the 4-byte field
            }
        }
        b.putInt(0);
        if (samples > 2) {
            b.position(bitsAt);
            for (int i = 0; i < samples; i++) {
                b.putShort((short) bits);
            }
        }
        return b.array();
    }

    @Test
    void tiffHeadersInBothByteOrders() throws IOException {
        BufferedImage rgb = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        rgb.setRGB(5, 5, 0x336699);
        for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN,
            java.nio.ByteOrder.LITTLE_ENDIAN}) {
            String tag = order == java.nio.ByteOrder.BIG_ENDIAN ? "MM" : "II";
            Path gray8 = tmp.resolve("gray8-" + tag + ".tif");
            writeTiff(ramp(BufferedImage.TYPE_BYTE_GRAY, 40, 30, 256), gray8, order);
            Path gray16 = tmp.resolve("gray16-" + tag + ".tif");
            writeTiff(ramp(BufferedImage.TYPE_USHORT_GRAY, 40, 30, 65536), gray16, order);
            Path rgb8 = tmp.resolve("rgb8-" + tag + ".tif");
            writeTiff(rgb, rgb8, order);
            assertEquals(tag, new String(Arrays.copyOf(Files.readAllBytes(rgb8), 2), "US-ASCII"));
            assertEquals(new ImageHeader(ImageFormat.TIFF, 40, 30, 8, 1), ImageHeaderReader.read(gray8));
            assertEquals(new ImageHeader(ImageFormat.TIFF, 40, 30, 16, 1), ImageHeaderReader.read(gray16));
            assertEquals(new ImageHeader(ImageFormat.TIFF, 40, 30, 8, 3), ImageHeaderReader.read(rgb8), tag);
            assertEquals((0.2125 * 0x33 + 0.7154 * 0x66 + 0.0721 * 0x99) / 255, ImageLoader.loadGray(rgb8).get(5, 5),
                    1e-6);

            // BitsPerSample of 16-bit RGB beyond the first 64 KiB; gray+alpha keeps both values in the entry
            Path far = Files.write(tmp.resolve("rgb16-far-" + tag + ".tif"),
                    handMadeTiff(order, 1408, 1040, 16, 3, 70_000));
            assertEquals(new ImageHeader(ImageFormat.TIFF, 1408, 1040, 16, 3), ImageHeaderReader.read(far), tag);
            Path ga = Files.write(tmp.resolve("ga-" + tag + ".tif"), handMadeTiff(order, 20, 10, 8, 2, 0));
            assertEquals(new ImageHeader(ImageFormat.TIFF, 20, 10, 8, 2), ImageHeaderReader.read(ga), tag);

            // depths the loader refuses are refused by the scan already
            Path float32 = Files.write(tmp.resolve("f32-" + tag + ".tif"), handMadeTiff(order, 20, 10, 32, 1, 0));
            ImageReadException e = assertThrows(ImageReadException.class, () -> ImageHeaderReader.read(float32));
            assertEquals("unsupported: bit depth 32 (8 or 16 expected)", e.reason());
        }
        Path bilevel = tmp.resolve("bilevel.tif");
        writeTiff(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY), bilevel, java.nio.ByteOrder.BIG_ENDIAN);
        ImageReadException e = assertThrows(ImageReadException.class, () -> ImageHeaderReader.read(bilevel));
        assertEquals("unsupported: bit depth 1 (8 or 16 expected)", e.reason());
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        ImageReadException e1 = assertThrows(ImageReadException.class, () -> ImageHeaderReader.read(empty));
        assertTrue(e1.getMessage().contains("empty.png") && e1.reason().contains("empty file"), e1.getMessage());

        Path text = Files.writeString(tmp.resolve("fake.tif"), "hello world, not a tiff");
        ImageReadException e2 = assertThrows(ImageReadException.class, () -> ImageHeaderReader.read(text));
        assertTrue(e2.reason().contains("not a valid TIFF"), e2.reason());
        assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(text));

        BufferedImage img = ramp(BufferedImage.TYPE_BYTE_GRAY, 64, 64, 256);
        Path good = tmp.resolve("good.png");
        ImageIO.write(img, "png", good.toFile());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        ImageHeaderReader.read(cut); // the header survives...
        ImageReadException e3 = assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(cut));
        assertTrue(e3.getMessage().contains("cut.png"), e3.getMessage()); // ...decoding does not

        ImageReadException e4 = assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(tmp.resolve("none.png")));
        assertTrue(e4.reason().contains("no such file"));
    }

    @Test
    void incucytePresetCropsTheBannerAndResizesSmallFrames() {
        assertEquals(Preset.INCUCYTE_1408x1040, Preset.AUTO.resolve(1408, 1040));
        assertEquals(Preset.INCUCYTE_1408x1040, Preset.AUTO.resolve(1280, 944));
        assertEquals(Preset.GENERIC, Preset.AUTO.resolve(704, 520));
        float[] px = new float[1408 * 1040];
        for (int y = 0; y < 1040; y++) {
            Arrays.fill(px, y * 1408, (y + 1) * 1408, y / 1040f);
        }
        GrayImage out = Preset.AUTO.apply(new GrayImage(1408, 1040, px, 8));
        assertEquals(1408, out.width());
        assertEquals(890, out.height());
        assertEquals(889 / 1040f, out.get(5, 889), 0);
        assertEquals(8, out.sourceBits());

        GrayImage small = Preset.AUTO.apply(new GrayImage(1280, 944, filledF(1280 * 944, 0.25f), 8));
        assertEquals(1408, small.width());
        assertEquals(890, small.height());
        assertEquals(0.25f, small.get(700, 400), 1e-6);
        assertEquals(32, small.sourceBits(), "a resized frame holds computed floats");

        GrayImage any = new GrayImage(10, 10, new float[100], 8);
        assertEquals(any, Preset.AUTO.apply(any));
        assertThrows(IllegalArgumentException.class, () -> Preset.INCUCYTE_1408x1040.apply(any));
        assertEquals(10, Preset.GENERIC.apply(any).width());
        assertTrue(Arrays.equals(new int[] {1408, 890}, Preset.AUTO.outputSize(1280, 944)));
    }

    @Test
    void bilinearResizeAlignsPixelCentresLikeScikitImage() {
        // skimage.transform.resize(np.array([[0., 1.]]), (1, 4), order=1) -> [0, 0.25, 0.75, 1]
        GrayImage src = new GrayImage(2, 1, new float[] {0f, 1f}, 32);
        GrayImage out = Resize.bilinear(src, 4, 1);
        assertEquals(0f, out.get(0, 0), 1e-6);
        assertEquals(0.25f, out.get(1, 0), 1e-6);
        assertEquals(0.75f, out.get(2, 0), 1e-6);
        assertEquals(1f, out.get(3, 0), 1e-6);
    }

    @Test
    void realLivecellTiffs() throws IOException {
        Path dir = SharedData.realImages().resolve("A172/batch_1");
        try (var files = Files.list(dir)) {
            Path f = files.filter(p -> p.toString().endsWith(".tif")).sorted().findFirst().orElseThrow();
            ImageHeader h = ImageHeaderReader.read(f);
            assertEquals(new ImageHeader(ImageFormat.TIFF, 704, 520, 8, 1), h);
            GrayImage g = ImageLoader.loadGray(f);
            assertEquals(704 * 520, g.pixels().length);
            double mean = 0;
            for (float v : g.pixels()) {
                mean += v;
            }
            mean /= g.pixels().length;
            assertTrue(mean > 0.2 && mean < 0.8, "phase contrast background is mid-gray, mean " + mean);
        }
    }

    @Test
    void realFullFrameUsesTheIncucytePreset() throws IOException {
        Path dir = SharedData.realFullFrames().resolve("SkBr3/batch_1");
        try (var files = Files.list(dir)) {
            Path f = files.sorted().findFirst().orElseThrow();
            GrayImage g = ImageLoader.loadProcessed(f, Preset.AUTO);
            assertEquals(1408, g.width());
            assertEquals(890, g.height());
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static float[] filledF(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
