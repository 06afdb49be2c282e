package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plurals and column widths in what the commands print. */
class TextOutputTest {

    @Test
    void plurals() {
        assertEquals("1 frame", Plural.of(1, "frame"));
        assertEquals("0 frames", Plural.of(0, "frame"));
        assertEquals("2 batches", Plural.of(2, "batch"));
        assertEquals("1 batch", Plural.of(1, "batch"));
        assertEquals("3 cell lines", Plural.of(3, "cell line"));
    }

    @Test
    void wideCharactersTakeTwoCells() {
        assertEquals(4, TextColumns.width("細胞"));
        assertEquals(2, TextColumns.width("e\u0301x")); // e + combining acute (no cell) + x
        assertEquals("細胞  |", TextColumns.padRight("細胞", 6) + "|");
        assertEquals("abc", TextColumns.padRight("abc", 2));
    }

    @Test
    void scanColumnsLineUpWithCjkNamesAndOneFrameIsSingular(@TempDir Path tmp) throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        Path batch = Files.createDirectories(tmp.resolve("L1/batch_1"));
        ImageIO.write(img, "png", batch.resolve("細胞株_A1_00d00h00m.png").toFile());
        ImageIO.write(img, "png", batch.resolve("plain_A1_00d00h00m.png").toFile());
        ImageIO.write(img, "png", batch.resolve("plain_A1_00d04h00m.png").toFile());
        CliTest.Result r = CliTest.run("scan", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 cell line, 1 batch, 2 sequences, 3 images"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.contains(" → ")).toList();
        assertEquals(2, rows.size(), r.out());
        int[] arrows = rows.stream().mapToInt(l -> TextColumns.width(l.substring(0, l.indexOf('→')))).toArray();
        assertEquals(arrows[0], arrows[1], "the time columns line up on a terminal:\n" + String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(l -> l.contains("  1 frame  ")), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains("  2 frames ")), r.out());
    }
}
