package org.clanet.workbench.mil.heatmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.pipeline.Cancellation;

/**
 * Writes a sequence's heatmaps to a folder: one PNG per frame ({@code SEQ_f003.png}, with legend), the frame
 * strip ({@code SEQ_strip.png}) and the attention table ({@code SEQ_attention.csv}); the scale is computed over
 * the whole sequence so the frames share it. What {@code clanet predict --heatmaps OUT} and the workbench's export
 * call.
 */
public final class HeatmapExport {

    /** Loads the gray image of a frame (the processed image the patches were selected on). */
    @FunctionalInterface
    public interface FrameImages {
        GrayImage load(FrameAttention frame) throws IOException;
    }

    private HeatmapExport() {
    }

    /** The files written, in order: the frame PNGs, the strip, the table. */
    public static List<Path> write(Path outDir, String sequence, List<FrameAttention> frames, FrameImages images,
                                   HeatmapStyle style, String className, Cancellation cancel) throws IOException {
        Files.createDirectories(outDir);
        String stem = fileStem(sequence);
        AttentionScale scale = AttentionScale.of(style.scaleMode(), frames);
        List<Path> written = new ArrayList<>();
        for (FrameAttention f : frames) {
            cancel.throwIfCancelled();
            byte[] png = HeatmapPng.render(images.load(f), f, scale, style, className,
                    f.name() + " · frame " + (f.index() + 1));
            String name = String.format(java.util.Locale.ROOT, "%s_f%03d.png", stem, f.index());
            written.add(write(outDir.resolve(name), png));
        }
        List<String> labels = frames.stream().map(f -> "frame " + (f.index() + 1)).toList();
        written.add(write(outDir.resolve(stem + "_strip.png"), FrameStrip.render(FrameStrip.summed(frames), labels,
                style.colorMap(), className, FrameStrip.DEFAULT_WIDTH, FrameStrip.DEFAULT_HEIGHT)));
        written.add(write(outDir.resolve(stem + "_attention.csv"),
                AttentionTable.csv(sequence, frames).getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    /** A sequence name made safe as a file name. */
    static String fileStem(String sequence) {
        String s = sequence.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.isEmpty() ? "sequence" : s;
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        org.clanet.workbench.io.AtomicFiles.write(file, bytes);
        return file;
    }
}
