package org.clanet.workbench.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small Incucyte-style datasets written with ImageIO for the workbench tests. */
public final class TestDatasets {

    private TestDatasets() {
    }

    /** An in-memory sequence of {@code frames} frames 4 h apart (files need not exist). */
    public static org.clanet.workbench.dataset.Sequence sequence(String well, int frames) {
        java.util.List<org.clanet.workbench.dataset.Frame> fs = new java.util.ArrayList<>();
        for (int i = 0; i < frames; i++) {
            org.clanet.workbench.dataset.Timepoint t = org.clanet.workbench.dataset.Timepoint.ofMinutes(i * 240L);
            fs.add(new org.clanet.workbench.dataset.Frame(Path.of("/data/" + well + "_" + t.token() + ".png"),
                    well + "_" + t.token() + ".png", t, new org.clanet.workbench.imaging.ImageHeader(
                    org.clanet.workbench.imaging.ImageFormat.PNG, 64, 48, 8, 1)));
        }
        return new org.clanet.workbench.dataset.Sequence("MCF7", "batch_1", "VID1_" + well + "_1_*", well,
                java.util.Optional.of(well), fs);
    }

    /** Gray PNG whose pixel (x, y) is {@code base + x} (clamped), so frames differ by base and have a ramp. */
    public static void writeFrame(Path file, int w, int h, int base) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = (byte) Math.min(255, base + x);
            }
        }
        String name = file.getFileName().toString();
        ImageIO.write(img, name.endsWith(".jpg") ? "jpg" : name.endsWith(".tif") ? "tiff" : "png", file.toFile());
    }

    public static void truncate(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
    }

    /** Incucyte name: {@code VID<vid>_<well>_1_<dd>d<hh>h00m.png}. */
    public static String name(int vid, String well, int hours) {
        return String.format("VID%d_%s_1_%02dd%02dh00m.png", vid, well, hours / 24, hours % 24);
    }

    /**
     * A labelled dataset:
     * MCF7/batch_1: G7 (5 frames, every 4 h, base 20*(i+1)), G8 (3 frames, base 100+10*i);
     * A549/batch_2: C1 (3 frames, the second one truncated after its header); plus notes.txt (skipped).
     */
    public static Path small(Path root) throws IOException {
        for (int i = 0; i < 5; i++) {
            writeFrame(root.resolve("MCF7/batch_1/" + name(1, "G7", 4 * i)), 64, 48, 20 * (i + 1));
        }
        for (int i = 0; i < 3; i++) {
            writeFrame(root.resolve("MCF7/batch_1/" + name(1, "G8", 4 * i)), 64, 48, 100 + 10 * i);
        }
        writeFrame(root.resolve("A549/batch_2/" + name(2, "C1", 0)), 64, 48, 50);
        Path corrupt = root.resolve("A549/batch_2/" + name(2, "C1", 4));
        writeFrame(corrupt, 64, 48, 60);
        truncate(corrupt, 80); // header readable (the scan keeps it), pixels not (the viewer shows why)
        writeFrame(root.resolve("A549/batch_2/" + name(2, "C1", 8)), 64, 48, 70);
        Files.writeString(root.resolve("A549/batch_2/notes.txt"), "lab notes");
        return root;
    }
}
