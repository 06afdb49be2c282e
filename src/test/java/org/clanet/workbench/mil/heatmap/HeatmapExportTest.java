package org.clanet.workbench.mil.heatmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heatmap PNG with its legend, the frame strip PNG, the attention CSV and the folder export. */
class HeatmapExportTest {

    @TempDir
    Path tmp;

    private static GrayImage gradient(int w, int h) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (float) x / (w - 1);
            }
        }
        return new GrayImage(w, h, px, 32);
    }

    private static FrameAttention frame(int index, double a0, double a1) {
        return new FrameAttention(index, "A549_Phase_f" + index + ".png", 300, 200,
                List.of(new PatchAttention(0, 20, 20, 112, 112, 0.91, a0),
                        new PatchAttention(1, 160, 60, 112, 112, 0.55, a1)));
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "decodes as PNG");
        return img;
    }

    @Test
    void heatmapPngBlendsTheFrameAndCarriesTheLegend() throws Exception {
        GrayImage gray = gradient(300, 200);
        FrameAttention f = frame(0, 0.9, 0.02);
        AttentionScale scale = new AttentionScale(ScaleMode.RAW, 0, 1);
        HeatmapStyle style = HeatmapStyle.DEFAULT.withRenderMode(RenderMode.PATCHES);
        BufferedImage img = decode(HeatmapPng.render(gray, f, scale, style, "A549", "frame 1"));
        assertEquals(HeatmapPng.MIN_WIDTH, img.getWidth(), "legend needs room: at least MIN_WIDTH");
        assertEquals(200 + HeatmapPng.LEGEND_HEIGHT, img.getHeight());
        // outside patches: the stretched frame, gray
        int plain = img.getRGB(290, 190) & 0xffffff;
        assertEquals(plain >> 16 & 0xff, plain & 0xff, "gray where there is no heatmap");
        // inside the attended patch: 0.4 of viridis(0.9) over the gray
        int gray60 = Pngs.stretch(gray)[60 * 300 + 60];
        assertEquals(HeatmapPng.blend(gray60, ColorMap.VIRIDIS.argb(0.9, 102)), img.getRGB(60, 60) & 0xffffff);
        // the second patch (0.02) is below the threshold: plain frame there
        int g250 = Pngs.stretch(gray)[150 * 300 + 250];
        assertEquals(g250 << 16 | g250 << 8 | g250, img.getRGB(250, 150) & 0xffffff);
        // the legend's colour bar: one column per table entry
        Rectangle bar = HeatmapPng.colourBar(200);
        int midY = bar.y + bar.height / 2;
        assertEquals(ColorMap.VIRIDIS.rgb(0), img.getRGB(bar.x, midY) & 0xffffff);
        assertEquals(ColorMap.VIRIDIS.entry(128), img.getRGB(bar.x + 128, midY) & 0xffffff);
        assertEquals(ColorMap.VIRIDIS.rgb(1), img.getRGB(bar.x + 255, midY) & 0xffffff);
        // the title ("attention for: A549") is drawn: dark text pixels above the bar
        assertTrue(darkPixels(img, bar.x, 200 + 4, 200, 20) > 30, "legend title text");
    }

    @Test
    void legendNamesTheClass() throws Exception {
        GrayImage gray = gradient(300, 200);
        AttentionScale scale = new AttentionScale(ScaleMode.RAW, 0, 1);
        FrameAttention f = frame(0, 0.5, 0.5);
        BufferedImage a = decode(HeatmapPng.render(gray, f, scale, HeatmapStyle.DEFAULT, "A549", ""));
        BufferedImage b = decode(HeatmapPng.render(gray, f, scale, HeatmapStyle.DEFAULT, "SH-SY5Y", ""));
        assertNotEquals(darkPixels(a, 12, 204, 300, 20), darkPixels(b, 12, 204, 300, 20),
                "different class, different text");
    }

    @Test
    void frameStripHasOneBarPerFrameInTimeOrder() throws Exception {
        double[] sums = {0.2, 1.0, 0.5, 0.0};
        BufferedImage img = decode(FrameStrip.render(sums, List.of("a", "b", "c", "d"), ColorMap.VIRIDIS, "A549",
                400, 160));
        assertEquals(400, img.getWidth());
        for (int i = 0; i < sums.length; i++) {
            FrameStrip.Bar b = FrameStrip.bar(i, 4, sums[i], 1.0, 400, 160);
            int c = img.getRGB(b.x() + b.w() / 2, b.y() + b.h() - 1) & 0xffffff;
            assertEquals(ColorMap.VIRIDIS.rgb(sums[i]), c, "bar " + i + " colour");
        }
        FrameStrip.Bar tall = FrameStrip.bar(1, 4, 1.0, 1.0, 400, 160);
        FrameStrip.Bar half = FrameStrip.bar(2, 4, 0.5, 1.0, 400, 160);
        assertEquals(tall.h() / 2.0, half.h(), 1.0);
        assertTrue(tall.x() < half.x(), "time order left to right");
        assertEquals(0xffffff, img.getRGB(half.x() + half.w() / 2, tall.y() + 2) & 0xffffff, "above the half bar");
    }

    @Test
    void attentionTableHasARowPerPatchInFrameAndRankOrder() {
        String csv = AttentionTable.csv("A549_Phase_C7,1", List.of(frame(0, 0.25, 0.125), frame(1, 0.5, 1e-7)));
        String[] lines = csv.split("\n");
        assertEquals(AttentionTable.HEADER, lines[0]);
        assertEquals(5, lines.length);
        assertEquals("\"A549_Phase_C7,1\",A549_Phase_f0.png,1,20,20,112,112,0.9100,0.250000000", lines[1]);
        assertEquals("\"A549_Phase_C7,1\",A549_Phase_f1.png,2,160,60,112,112,0.5500,1.00000000e-07", lines[4]);
    }

    @Test
    void exportWritesAPngPerFrameTheStripAndTheTable() throws Exception {
        List<FrameAttention> frames = List.of(frame(0, 0.3, 0.1), frame(1, 0.4, 0.2), frame(2, 0.0, 0.0));
        List<Path> files = HeatmapExport.write(tmp.resolve("out"), "A549 C7/1", frames, f -> gradient(300, 200),
                HeatmapStyle.DEFAULT, "A549", Cancellation.none());
        assertEquals(5, files.size());
        assertEquals("A549_C7_1_f000.png", files.get(0).getFileName().toString());
        assertEquals("A549_C7_1_strip.png", files.get(3).getFileName().toString());
        for (Path p : files.subList(0, 4)) {
            decode(Files.readAllBytes(p));
        }
        assertEquals(7, Files.readAllLines(files.get(4)).size());
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < Math.min(img.getWidth(), x0 + w); x++) {
                int c = img.getRGB(x, y);
                if ((c >> 16 & 0xff) < 100 && (c & 0xff) < 100) {
                    n++;
                }
            }
        }
        return n;
    }
}
