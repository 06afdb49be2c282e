package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.clanet.workbench.imaging.ImageLimits;
import org.clanet.workbench.imaging.ImageLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 12000×12000 gray PNG (issue 9: {@code select} died with OutOfMemoryError at 5.9 GB, the viewer showed black):
 * {@code clanet select} in a child JVM with {@code -Xmx1g} refuses it up front with its size and the limit, exits
 * 3, and selects the small frame next to it; the viewer's preview of it decodes subsampled in a 256 MB heap.
 */
class HugeImageTest {

    static final int SIDE = 12000;

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void writeDataset() throws IOException {
        data = tmp.resolve("data");
        Path batch = Files.createDirectories(data.resolve("Big/batch_1"));
        writeGrayPng(batch.resolve("VID1_A1_1_00d00h00m.png"), SIDE, SIDE);
        writeGrayPng(batch.resolve("VID1_A1_1_00d04h00m.png"), 400, 300);
    }

    @Test
    void selectInAOneGigabyteHeapRefusesTheHugeFrameUpFront() throws Exception {
        Child r = runChild("-Xmx1g", "org.clanet.workbench.Launcher", "select", data.toString(), "--no-workspace",
                "--export", tmp.resolve("out").toString(), "--threads", "2");
        assertEquals(ExitCodes.SOME_FAILED, r.exit, r.output);
        // the default limit follows the heap: about 6.7 MP at -Xmx1g (a little less: the JVM keeps some back)
        assertTrue(r.output.contains("Big/batch_1/VID1_A1_1_00d00h00m.png: failed: image too large for selection (12000×12000, "
                + "limit 6."), r.output);
        assertTrue(r.output.contains("2 images: 1 processed, 0 up to date, 1 failed"), r.output);
        assertFalse(r.output.contains("OutOfMemoryError"), r.output);
        assertTrue(r.seconds < 30, "refused from the header, not after decoding: " + r.seconds + " s");
    }

    @Test
    void aLimitRaisedOnTheCommandLineIsHonoured() throws Exception {
        // raising the limit beyond the heap is the user's call; here the limit only has to reach the message
        Child r = runChild("-Xmx1g", "org.clanet.workbench.Launcher", "select", data.toString(), "--no-workspace",
                "--export", tmp.resolve("out2").toString(), "--max-pixels", "100000", "--threads", "1");
        assertEquals(ExitCodes.SOME_FAILED, r.exit, r.output);
        assertTrue(r.output.contains("(12000×12000, limit 0.1 MP, about 316×316"), r.output);
        assertTrue(r.output.contains("VID1_A1_1_00d04h00m.png: failed: image too large"), "400x300 > 100000 px too: " + r.output);
    }

    @Test
    void workersAreCutToWhatTheHeapHolds() throws Exception {
        // 512 MB: the default limit is about 3.3 MP; three 1800×1800 frames (3.2 MP, about 260 MB each at peak) are
        // accepted, and four threads would not fit: fewer run, and every frame is selected without running out
        Path ds = tmp.resolve("fit");
        Path batch = Files.createDirectories(ds.resolve("Fit/batch_1"));
        for (int t = 0; t < 3; t++) {
            writeGrayPng(batch.resolve("VID2_B1_1_00d0" + (4 * t) + "h00m.png"), 1800, 1800);
        }
        Child r = runChild("-Xmx512m", "org.clanet.workbench.Launcher", "select", ds.toString(), "--no-workspace",
                "--export", tmp.resolve("out3").toString(), "--threads", "4");
        assertTrue(r.output.matches("(?s).*using [12] threads? instead of 4: frames of 3\\.2 MP need about \\d+ MB each.*"),
                r.output);
        assertEquals(ExitCodes.OK, r.exit, r.output);
        assertTrue(r.output.contains("3 images: 3 processed"), r.output);
        assertFalse(r.output.contains("OutOfMemoryError"), r.output);
    }

    @Test
    void theViewerPreviewDecodesSubsampledInASmallHeap() throws Exception {
        Child r = runChild("-Xmx256m", PreviewMain.class.getName(),
                data.resolve("Big/batch_1/VID1_A1_1_00d00h00m.png").toString());
        assertEquals(0, r.exit, r.output);
        // ceil(sqrt(144e6 / 16.8e6)) = 3: 4000×4000 shown for 12000×12000
        assertTrue(r.output.contains("preview 4000x4000 step 3 of 12000x12000"), r.output);
    }

    /** Prints the preview the viewer would get for a file (run in a child JVM with a small heap). */
    public static final class PreviewMain {
        public static void main(String[] args) throws Exception {
            ImageLoader.Preview p = ImageLoader.loadPreview(Path.of(args[0]), ImageLimits.PREVIEW_PIXELS);
            System.out.printf("preview %dx%d step %d of %dx%d%n", p.image().width(), p.image().height(), p.step(),
                    p.fullWidth(), p.fullHeight());
        }
    }

    record Child(int exit, String output, double seconds) {
    }

    private static Child runChild(String heap, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-Djava.awt.headless=true", "-Dclanet.home=" + tmp.resolve("home"), "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Child(p.exitValue(), out, (System.nanoTime() - t0) / 1e9);
    }

    /** A gray 8-bit PNG written row by row (filter byte + pixels), never holding the image in memory. */
    static void writeGrayPng(Path file, int w, int h) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            java.io.ByteArrayOutputStream ihdr = new java.io.ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(w);
            d.writeInt(h);
            d.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit gray, deflate, adaptive filter, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (OutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[w + 1];
                for (int y = 0; y < h; y++) {
                    row[0] = 0;
                    for (int x = 0; x < w; x++) {
                        row[x + 1] = (byte) (((x / 40 + y / 40) & 1) == 0 ? 90 : 160); // 40-px checkerboard "cells"
                    }
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
