package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = ClanetCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        Result top = run("--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().contains("Usage: clanet"), top.out());
        for (String name : ClanetCommand.commandLine().getSubcommands().keySet()) {
            Result r = run(name, "--help");
            assertEquals(0, r.exit(), name);
            assertTrue(r.out().contains("Usage: clanet " + name), name + ": " + r.out());
        }
    }

    @Test
    void scanJsonOnTheRealImages() throws Exception {
        Path dir = SharedData.realImages();
        Result r = run("scan", dir.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(8, j.get("cellLines").asInt());
        assertEquals(133, j.get("images").asInt());
        assertEquals(55, j.get("sequences").asInt());
        assertEquals(8, j.get("batches").asInt());
        assertEquals(1, j.get("skipped").asInt());
        assertEquals(55, j.get("sequenceDetail").size());
        assertEquals("SOURCES.md", j.get("skippedFiles").get(0).get("path").asText());
    }

    @Test
    void scanJsonOnTheSampleData() throws Exception {
        Result r = run("scan", SharedData.sampleData().toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(4, j.get("cellLines").asInt());
        assertEquals(12, j.get("batches").asInt());
        assertEquals(24, j.get("sequences").asInt());
        assertEquals(192, j.get("images").asInt());
        for (JsonNode seq : j.get("sequenceDetail")) {
            assertEquals(8, seq.get("frames").asInt(), seq.toString());
            double interval = seq.get("intervalHours").asDouble();
            assertTrue(interval >= 2 && interval <= 6, "imaging interval between 2 and 6 h: " + seq);
        }
        assertTrue(r.err().contains("100% ETA"), "progress with ETA on stderr: " + r.err());
    }

    @Test
    void selectExportsMasksAndPatchesOfTheSampleData(@TempDir Path tmp) throws Exception {
        Path batch = tmp.resolve("data/SynRound/batch_1");
        Files.createDirectories(batch);
        try (var files = Files.list(SharedData.sampleData().resolve("SynRound/batch_1"))) {
            for (Path f : files.sorted().limit(4).toList()) {
                Files.copy(f, batch.resolve(f.getFileName()));
            }
        }
        Result r = run("select", tmp.resolve("data").toString(), "--export", tmp.resolve("out").toString(),
                "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        JsonNode patches = new ObjectMapper().readTree(tmp.resolve("out/patches.json").toFile());
        assertEquals(4, patches.size());
        patches.fields().forEachRemaining(e -> {
            assertTrue(e.getKey().startsWith("SynRound/batch_1/"), e.getKey());
            assertTrue(e.getValue().size() >= 10, "a synthetic frame full of cells gives patches: " + e);
            JsonNode first = e.getValue().get(0);
            assertEquals(112, first.get(2).asInt());
            assertEquals(112, first.get(3).asInt());
        });
        try (var masks = Files.walk(tmp.resolve("out/masks"))) {
            assertEquals(4, masks.filter(p -> p.toString().endsWith(".png")).count());
        }
        Result again = run("select", tmp.resolve("data").toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("4 images: 0 processed, 4 up to date"), "resumable: " + again.out());
        Result changed = run("select", tmp.resolve("data").toString(), "--param", "finalRegion=5");
        assertTrue(changed.out().contains("4 images: 4 processed"), "a changed parameter re-runs: " + changed.out());
    }

    static void writeImage(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).replace("tif", "tiff");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        assertTrue(javax.imageio.ImageIO.write(img, format, file.toFile()), format);
    }

    @Test
    void selectTakesTheFramesTheScanFinds(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writeImage(data.resolve("L1/b1/VID1_A1_1_00d00h00m.png"));
        writeImage(data.resolve("L1/b1/VID1_A1_1_00d04h00m.tif"));
        writeImage(data.resolve("L1/b1/VID1_A1_1_00d08h00m.jpg"));
        writeImage(data.resolve("L1/b1/VID1_A1_1_00d08h00m.png")); // same frame as the .jpg
        writeImage(data.resolve("L1/b1/VID1_A1_1_00d12h00m.bmp")); // not a supported format
        writeImage(data.resolve("L1/b1/overview.png")); // no timepoint
        writeImage(data.resolve("top_00d00h00m.png")); // top of a labelled set
        java.util.List<String> frames = org.clanet.workbench.dataset.DatasetScanner.scan(data).frames()
                .map(org.clanet.workbench.dataset.Frame::relativePath).toList();
        assertEquals(3, frames.size(), frames.toString());

        Path out = data.resolve("export"); // inside DIR: its masks must not become frames on the next run
        for (int run = 0; run < 2; run++) {
            Result r = run("select", data.toString(), "--no-workspace", "--export", out.toString(), "--threads", "1");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("3 images: 3 processed"), r.out());
            assertTrue(r.out().contains("4 files skipped by the scan"), r.out());
            assertTrue(r.out().contains("L1/b1/VID1_A1_1_00d08h00m.png: duplicate"), r.out());
            JsonNode patches = new ObjectMapper().readTree(out.resolve("patches.json").toFile());
            java.util.List<String> keys = new java.util.ArrayList<>();
            patches.fieldNames().forEachRemaining(keys::add);
            assertEquals(frames.stream().sorted().toList(), keys);
            for (String f : frames) {
                assertTrue(Files.exists(out.resolve("masks/" + f.replaceAll("\\.[a-z]+$", ".png"))), f);
            }
        }
    }

    @Test
    void scanTextListsSkipsWithReasons(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("L1/batch_1"));
        Files.writeString(tmp.resolve("L1/batch_1/VID1_A1_1_00d00h00m.png"), "garbage");
        Result r = run("scan", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 images, 1 skipped"), r.out());
        assertTrue(r.out().contains("L1/batch_1/VID1_A1_1_00d00h00m.png: not a valid PNG"), r.out());
    }

    @Test
    void infoReportsTheEngineAndDevice() {
        Result r = run("info");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Engine:    PyTorch 2.7.1 · CPU"), r.out());
    }

    @Test
    void missingFolderIsAClearError(@TempDir Path tmp) {
        Result r = run("scan", tmp.resolve("missing").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("missing: not a folder"), r.err());
        assertEquals(2, run("scan").exit(), "a missing argument is a usage error");
    }
}
