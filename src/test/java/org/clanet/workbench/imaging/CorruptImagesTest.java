package org.clanet.workbench.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cut and damaged files fail at decode with the reason, instead of decoding to grey or garbage. */
class CorruptImagesTest {

    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private byte[] encoded(String format, BufferedImage img) throws IOException {
        Path f = tmp.resolve("whole." + format);
        assertTrue(ImageIO.write(img, format, f.toFile()));
        return Files.readAllBytes(f);
    }

    private static BufferedImage noise(int type) {
        BufferedImage img = ImageLoadingTest.ramp(type, 200, 150, type == BufferedImage.TYPE_USHORT_GRAY ? 65536 : 256);
        return img;
    }

    private static String reason(Path f) {
        return assertThrows(ImageReadException.class, () -> ImageLoader.loadGray(f)).reason();
    }

    @Test
    void halfAJpegIsRefusedNotGreyFilled() throws IOException {
        byte[] jpg = encoded("jpg", noise(BufferedImage.TYPE_BYTE_GRAY));
        assertNotNull(ImageLoader.loadGray(write("ok.jpg", jpg)));
        Path cut = write("cut.jpg", Arrays.copyOf(jpg, jpg.length / 2));
        String r = reason(cut);
        assertTrue(r.startsWith("corrupt or truncated image: ") && r.contains("Missing EOI marker"), r);
    }

    @Test
    void halfAJpegWithAnEndMarkerIsCaughtByTheDecoderWarning() throws IOException {
        byte[] jpg = encoded("jpg", noise(BufferedImage.TYPE_BYTE_GRAY));
        byte[] cut = Arrays.copyOf(jpg, jpg.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        String r = reason(write("cut-eoi.jpg", cut));
        assertTrue(r.startsWith("corrupt or truncated image: "), r);
    }

    @Test
    void pngWithADamagedByteFailsItsCrc() throws IOException {
        byte[] png = encoded("png", noise(BufferedImage.TYPE_BYTE_GRAY));
        int idat = indexOf(png, "IDAT");
        byte[] bad = png.clone();
        bad[idat + 20] ^= 0x10;
        String r = reason(write("flip.png", bad));
        assertEquals("corrupt or truncated image: PNG chunk IDAT at byte " + (idat - 4) + " fails its CRC check", r);
    }

    @Test
    void pngCutShortIsRefused() throws IOException {
        byte[] png = encoded("png", noise(BufferedImage.TYPE_USHORT_GRAY));
        String r = reason(write("cut.png", Arrays.copyOf(png, png.length - 30)));
        assertTrue(r.startsWith("corrupt or truncated image: PNG"), r);
        // the header alone still reads: the scan lists it, the decode names the problem
        assertEquals(200, ImageHeaderReader.read(tmp.resolve("cut.png")).width());
    }

    @Test
    void tiffStripsPastTheEndAreRefused() throws IOException {
        Path whole = tmp.resolve("whole.tif");
        ImageLoadingTest.writeTiff(noise(BufferedImage.TYPE_USHORT_GRAY), whole, "LZW");
        byte[] tif = Files.readAllBytes(whole);
        assertNotNull(ImageLoader.loadGray(whole));
        // the JDK writes the directory (and its value arrays) first, then the strips: a cut keeps the directory
        int ifd = java.nio.ByteBuffer.wrap(tif).getInt(4);
        assertEquals(8, ifd);
        byte[] cut = Arrays.copyOf(tif, tif.length / 2);
        String r = reason(write("cut.tif", cut));
        assertTrue(r.startsWith("corrupt or truncated image: TIFF strip "), r);
        assertTrue(r.contains("past the end of the file"), r);
    }

    @Test
    void jdkPngAndTiffWithNothingWrongStillLoad() throws IOException {
        Path png = write("fine.png", encoded("png", noise(BufferedImage.TYPE_USHORT_GRAY)));
        assertEquals(16, ImageLoader.loadGray(png).sourceBits());
    }

    static int indexOf(byte[] data, String ascii) {
        byte[] p = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + p.length <= data.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (data[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(ascii + " not found");
    }
}
