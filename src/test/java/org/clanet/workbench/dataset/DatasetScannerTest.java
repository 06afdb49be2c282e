package org.clanet.workbench.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {

    @TempDir
    Path tmp;

    static void writeImage(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String fmt = name.endsWith(".png") ? "png" : name.endsWith(".tif") ? "tiff" : "jpg";
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(img, fmt, file.toFile());
    }

    @Test
    void realLivecellImages() throws IOException {
        Dataset d = DatasetScanner.scan(SharedData.realImages());
        assertEquals(8, d.cellLines().size());
        assertEquals(133, d.imageCount());
        assertEquals(55, d.sequenceCount());
        assertTrue(d.labelled());
        // SOURCES.md at the root is the only file that is not an image.
        assertEquals(List.of("SOURCES.md"), d.skipped().stream().map(SkippedFile::relativePath).toList());
        Sequence b10 = d.sequences().filter(s -> s.key().equals("SHSY5Y_Phase_B10_1_*_3")).findFirst().orElseThrow();
        assertEquals(22, b10.size());
        assertEquals(4.0, b10.meanIntervalHours(), 1e-9);
        assertEquals(84.0, b10.spanHours(), 1e-9);
        for (int i = 1; i < b10.size(); i++) {
            assertTrue(b10.frames().get(i - 1).time().compareTo(b10.frames().get(i).time()) < 0, "time order");
        }
        assertEquals(8, d.frames().findFirst().orElseThrow().header().bitDepth());
        assertEquals(Map.of("704×520", 133L), d.imageSizes());
    }

    @Test
    void labelledLayoutWithNestedBatchesAndBadFiles() throws IOException {
        writeImage(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d04h00m.png"), 40, 30);
        writeImage(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d00h00m.png"), 40, 30);
        writeImage(tmp.resolve("MCF7/batch_1/VID1_G8_1_00d00h00m.jpg"), 40, 30);
        writeImage(tmp.resolve("MCF7/exp2/batch_2/VID2_B2_1_01d00h00m.tif"), 40, 30);
        writeImage(tmp.resolve("A549/batch_10/VID3_C1_1_00d00h00m.png"), 40, 30);
        writeImage(tmp.resolve("A549/batch_2/VID3_C1_1_00d00h00m.png"), 40, 30);
        // bad ones
        Files.writeString(tmp.resolve("MCF7/batch_1/notes.txt"), "hello");
        Files.createFile(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d08h00m.png")); // zero bytes
        Files.writeString(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d12h00m.jpg"), "not a jpeg at all");
        writeImage(tmp.resolve("MCF7/batch_1/VID1_G7_1.png"), 40, 30); // no timepoint
        writeImage(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d04h00m.jpg"), 40, 30); // duplicate of the .png
        byte[] png = Files.readAllBytes(tmp.resolve("MCF7/batch_1/VID1_G7_1_00d00h00m.png"));
        Files.write(tmp.resolve("MCF7/batch_1/VID1_G9_1_00d00h00m.png"), java.util.Arrays.copyOf(png, 20)); // truncated
        writeImage(tmp.resolve(".clanet/files/VID9_A1_1_00d00h00m.png"), 4, 4); // workspace: ignored
        writeImage(tmp.resolve("top_00d00h00m.png"), 4, 4); // image at the root of a labelled set

        Dataset d = DatasetScanner.scan(tmp);
        assertTrue(d.labelled());
        assertEquals(List.of("A549", "MCF7"), d.cellLines().stream().map(CellLine::name).toList());
        assertEquals(List.of("batch_2", "batch_10"), d.cellLines().get(0).batches().stream().map(Batch::name).toList());
        assertEquals(List.of("batch_1", "exp2/batch_2"),
                d.cellLines().get(1).batches().stream().map(Batch::name).toList());
        Sequence g7 = d.sequences().filter(s -> s.displayName().equals("G7")).findFirst().orElseThrow();
        assertEquals(List.of("00d00h00m", "00d04h00m"), g7.frames().stream().map(f -> f.time().token()).toList());
        assertEquals(6, d.imageCount());

        Map<String, String> reasons = d.skipped().stream()
                .collect(Collectors.toMap(SkippedFile::relativePath, SkippedFile::reason));
        assertEquals(7, reasons.size(), reasons.toString());
        assertTrue(reasons.get("MCF7/batch_1/notes.txt").startsWith("not an image file"));
        assertTrue(reasons.get("MCF7/batch_1/VID1_G7_1_00d08h00m.png").contains("empty file"));
        assertTrue(reasons.get("MCF7/batch_1/VID1_G7_1_00d12h00m.jpg").contains("not a valid JPEG"));
        assertTrue(reasons.get("MCF7/batch_1/VID1_G7_1.png").contains("no timepoint"));
        // Same position and time twice: the first in name order (.jpg) is kept, the other listed.
        assertTrue(reasons.get("MCF7/batch_1/VID1_G7_1_00d04h00m.png").startsWith("duplicate"));
        assertTrue(reasons.get("MCF7/batch_1/VID1_G9_1_00d00h00m.png").contains("truncated"));
        assertTrue(reasons.get("top_00d00h00m.png").contains("top of a labelled dataset"));
    }

    @Test
    void flatFolderIsOneUnlabelledBatch() throws IOException {
        for (int t = 0; t < 3; t++) {
            writeImage(tmp.resolve(String.format("VID5_D4_1_00d%02dh00m.png", t * 3)), 20, 10);
        }
        Dataset d = DatasetScanner.scan(tmp);
        assertFalse(d.labelled());
        assertEquals(Dataset.UNLABELLED, d.cellLines().get(0).name());
        assertEquals(1, d.batchCount());
        Sequence s = d.sequences().findFirst().orElseThrow();
        assertEquals(3, s.size());
        assertEquals(3.0, s.meanIntervalHours(), 1e-9);
        assertEquals(20, s.frames().get(0).header().width());
    }

    @Test
    void theSameTimeWrittenTwoWaysIsADuplicate() throws IOException {
        writeImage(tmp.resolve("VID5_D4_1_00d24h00m.png"), 20, 10);
        writeImage(tmp.resolve("VID5_D4_1_01d00h00m.png"), 20, 10);
        writeImage(tmp.resolve("VID5_D4_1_01d04h00m.png"), 20, 10);
        Dataset d = DatasetScanner.scan(tmp);
        assertEquals(2, d.imageCount());
        assertEquals(1, d.skipped().size(), d.skipped().toString());
        assertTrue(d.skipped().get(0).reason().startsWith("duplicate"), d.skipped().toString());
    }

    @Test
    void aSubFolderWithoutImagesDoesNotMakeAFlatFolderLabelled() throws IOException {
        for (int t = 0; t < 3; t++) {
            writeImage(tmp.resolve(String.format("VID5_D4_1_00d%02dh00m.png", t * 3)), 20, 10);
        }
        Files.createDirectories(tmp.resolve("exports"));
        Files.writeString(tmp.resolve("exports/table.csv"), "a,b\n1,2\n");
        Files.writeString(tmp.resolve("exports/VID5_D4_1_00d12h00m.png"), "not a png");
        Dataset d = DatasetScanner.scan(tmp);
        assertFalse(d.labelled());
        assertEquals(3, d.imageCount());
        assertEquals(java.util.Set.of("exports/table.csv", "exports/VID5_D4_1_00d12h00m.png"),
                d.skipped().stream().map(SkippedFile::relativePath).collect(Collectors.toSet()));
        // one usable image in a sub-folder does make it labelled
        writeImage(tmp.resolve("L1/b1/VID6_A1_1_00d00h00m.png"), 20, 10);
        assertTrue(DatasetScanner.scan(tmp).labelled());
    }

    @Test
    void linkedFilesFoldersAndRootsAreFollowed() throws IOException {
        Path elsewhere = tmp.resolve("elsewhere");
        writeImage(elsewhere.resolve("one.png"), 20, 10);
        writeImage(elsewhere.resolve("MCF7/batch_1/VID2_C3_1_00d00h00m.png"), 20, 10);
        writeImage(elsewhere.resolve("MCF7/batch_1/VID2_C3_1_00d04h00m.png"), 20, 10);
        Path data = tmp.resolve("data");
        writeImage(data.resolve("A549/batch_1/VID1_B2_1_00d00h00m.png"), 20, 10);
        Files.createSymbolicLink(data.resolve("A549/batch_1/VID1_B2_1_00d04h00m.png"), elsewhere.resolve("one.png"));
        Files.createSymbolicLink(data.resolve("MCF7"), elsewhere.resolve("MCF7"));
        Files.createSymbolicLink(tmp.resolve("link-to-data"), data);

        for (Path root : List.of(data, tmp.resolve("link-to-data"))) {
            Dataset d = DatasetScanner.scan(root);
            assertTrue(d.labelled(), root.toString());
            assertEquals(data.toRealPath(), d.root());
            assertEquals(List.of("A549/batch_1/VID1_B2_1_00d00h00m.png", "A549/batch_1/VID1_B2_1_00d04h00m.png",
                            "MCF7/batch_1/VID2_C3_1_00d00h00m.png", "MCF7/batch_1/VID2_C3_1_00d04h00m.png"),
                    d.frames().map(Frame::relativePath).toList());
            d.frames().forEach(f -> assertTrue(f.path().startsWith(d.root()), f.toString()));
            assertEquals(List.of(), d.skipped(), root.toString());
        }
    }

    @Test
    void linkLoopsAndBrokenLinksAreSkippedWithAReason() throws IOException {
        writeImage(tmp.resolve("A549/batch_1/VID1_B2_1_00d00h00m.png"), 20, 10);
        Files.createSymbolicLink(tmp.resolve("A549/batch_1/loop"), tmp.resolve("A549"));
        Files.createSymbolicLink(tmp.resolve("A549/batch_1/VID1_B2_1_00d04h00m.png"), tmp.resolve("gone.png"));
        Dataset d = DatasetScanner.scan(tmp);
        assertEquals(1, d.imageCount());
        Map<String, String> reasons = d.skipped().stream()
                .collect(Collectors.toMap(SkippedFile::relativePath, SkippedFile::reason));
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get("A549/batch_1/loop").contains("link loop"), reasons.toString());
        assertTrue(reasons.get("A549/batch_1/VID1_B2_1_00d04h00m.png").contains("broken link"), reasons.toString());
    }

    @Test
    void emptyAndMissingFolders() throws IOException {
        Dataset d = DatasetScanner.scan(tmp);
        assertEquals(0, d.imageCount());
        IOException e = assertThrows(IOException.class, () -> DatasetScanner.scan(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"));
    }

    @Test
    void ambiguousWellsGetDistinctiveNames() {
        List<String> keys = List.of("A172_Phase_B7_1_*_3", "A172_Phase_B7_2_*_1", "A172_Phase_C7_1_*_3");
        assertEquals("B7 · 1 · 3", DatasetScanner.distinctive(keys.get(0), keys));
    }
}
