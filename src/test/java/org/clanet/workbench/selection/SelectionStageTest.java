package org.clanet.workbench.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CancellationException;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clanet.workbench.cli.SelectCommand;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.imaging.GrayImage;
import org.clanet.workbench.imaging.Preset;
import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class SelectionStageTest {

    @TempDir
    Path tmp;

    static void writePng(GrayImage g, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage bi = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[g.width()];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                row[x] = Math.round(g.get(x, y) * 255f);
            }
            bi.getRaster().setSamples(0, y, g.width(), 1, 0, row);
        }
        ImageIO.write(bi, "png", file.toFile());
    }

    /** A small labelled dataset: 2 lines x 3 frames, plus a blank frame and a truncated file (its header reads). */
    Path dataset() throws IOException {
        Path root = tmp.resolve("data");
        int k = 0;
        for (String line : List.of("A549", "MCF7")) {
            for (int t = 0; t < 3; t++) {
                writePng(PatchSelectorTest.cells(300, 240, 12, ++k),
                        root.resolve(line + "/batch_1/VID1_B2_1_0" + t + "d00h00m.png"));
            }
        }
        writePng(PatchSelectorTest.constant(300, 240, 0.5f), root.resolve("A549/batch_1/VID1_B2_1_05d00h00m.png"));
        byte[] png = Files.readAllBytes(root.resolve("MCF7/batch_1/VID1_B2_1_00d00h00m.png"));
        Files.write(root.resolve("MCF7/batch_1/VID1_C3_1_00d00h00m.png"), java.util.Arrays.copyOf(png, png.length / 2));
        return root;
    }

    @Test
    void storesResumesRerunsOnParameterChangeAndExports() throws Exception {
        Path root = dataset();
        List<SelectionStage.Item> items = SelectionStage.itemsOf(DatasetScanner.scan(root));
        assertEquals(8, items.size());
        Path out = tmp.resolve("out");
        List<long[]> progress = new ArrayList<>();
        try (Workspace ws = Workspace.open(root, tmp.resolve("ws"))) {
            SelectionStage stage = new SelectionStage(SelectionParameters.defaults(), Preset.AUTO, 2);
            SelectionStage.Summary s1 = stage.run(root, items, ws, out,
                    (d, t, m) -> progress.add(new long[] {d, t}), Cancellation.none());
            assertEquals(7, s1.processed());
            assertEquals(1, s1.failed());
            assertEquals(0, s1.fresh());
            assertEquals(8, progress.get(progress.size() - 1)[0]);
            SelectionStage.ItemResult bad = s1.items().stream()
                    .filter(i -> i.status() == SelectionStage.Status.FAILED).findFirst().orElseThrow();
            assertTrue(bad.relPath().endsWith("C3_1_00d00h00m.png"));
            assertTrue(bad.note().isPresent());
            SelectionStage.ItemResult blank = s1.items().stream()
                    .filter(i -> i.relPath().endsWith("05d00h00m.png")).findFirst().orElseThrow();
            assertEquals(0, blank.patches());
            assertTrue(blank.note().orElseThrow().contains("no cells"));

            // export format
            Map<String, List<List<Double>>> json = new ObjectMapper().readValue(out.resolve("patches.json").toFile(),
                    new TypeReference<>() { });
            assertEquals(7, json.size());
            assertTrue(json.containsKey("A549/batch_1/VID1_B2_1_00d00h00m.png"));
            for (Map.Entry<String, List<List<Double>>> e : json.entrySet()) {
                double prev = 2;
                for (List<Double> row : e.getValue()) {
                    assertEquals(5, row.size());
                    assertEquals(112.0, row.get(2));
                    assertTrue(row.get(4) <= prev, "rank order");
                    prev = row.get(4);
                }
                Path mask = SelectionStage.exportMaskPath(out, e.getKey());
                assertTrue(Files.exists(mask), mask.toString());
                BufferedImage bi = ImageIO.read(mask.toFile());
                assertEquals(300, bi.getWidth());
                assertEquals(240, bi.getHeight());
            }
            assertTrue(Files.exists(out.resolve("masks/A549/batch_1/VID1_B2_1_00d00h00m.png")));
            assertTrue(Files.exists(out.resolve("notes.json")));
            List<org.clanet.workbench.workspace.StoredPatch> stored =
                    ws.patches().get("A549/batch_1/VID1_B2_1_00d00h00m.png");
            assertEquals(json.get("A549/batch_1/VID1_B2_1_00d00h00m.png").size(), stored.size());
            assertTrue(ws.patches().mask("A549/batch_1/VID1_B2_1_00d00h00m.png").isPresent(), "mask stored");
            var frame = ws.frames().get("A549/batch_1/VID1_B2_1_00d00h00m.png").orElseThrow();
            assertEquals("A549", frame.cellLine(), "the scan's metadata is recorded with the results");
            assertEquals("B2", frame.well());

            // second run: everything stored is fresh; the failed file is tried again
            Path out2 = tmp.resolve("out2");
            SelectionStage.Summary s2 = stage.run(root, items, ws, out2, null, null);
            assertEquals(7, s2.fresh());
            assertEquals(0, s2.processed());
            assertEquals(1, s2.failed());
            assertEquals(Files.readString(out.resolve("patches.json")), Files.readString(out2.resolve("patches.json")));

            // changed parameters re-run
            SelectionStage other = new SelectionStage(SelectionParameters.defaults().with("finalRegion", "5"),
                    Preset.AUTO, 1);
            SelectionStage.Summary s3 = other.run(root, items, ws, null, null, null);
            assertEquals(7, s3.processed());
            assertTrue(ws.patches().get("A549/batch_1/VID1_B2_1_00d00h00m.png").size() <= 5);

            // every run is in the run log, and the latest one's parameters come back
            List<org.clanet.workbench.workspace.RunRecord> runs = ws.runLog().runs();
            assertTrue(runs.size() >= 3, runs.toString());
            org.clanet.workbench.workspace.RunRecord last = runs.get(runs.size() - 1);
            assertEquals(org.clanet.workbench.workspace.RunStatus.SUCCEEDED, last.status());
            assertEquals("8 frames: 7 processed, 0 up to date, 1 failed", last.message()); // the bad file fails
            assertEquals(Optional.of(SelectionParameters.defaults().with("finalRegion", "5")),
                    SelectionStage.lastParameters(ws));
        }
    }

    @Test
    void aFileThatVanishedAfterListingFailsAloneWithAReason() throws Exception {
        Path root = dataset();
        List<SelectionStage.Item> items = SelectionStage.itemsOf(DatasetScanner.scan(root));
        String gone = "A549/batch_1/VID1_B2_1_01d00h00m.png";
        Files.delete(root.resolve(gone));
        try (Workspace ws = Workspace.open(root, tmp.resolve("ws"))) {
            SelectionStage stage = new SelectionStage(SelectionParameters.defaults(), Preset.AUTO, 2);
            List<Long> done = new ArrayList<>();
            SelectionStage.Summary s = stage.run(root, items, ws, null, (d, t, m) -> done.add(d), null);
            assertEquals(8, s.total());
            assertEquals(6, s.processed(), s.toString());
            assertEquals(2, s.failed(), s.toString()); // the vanished file and the corrupt one
            SelectionStage.ItemResult r = s.items().stream().filter(i -> i.relPath().equals(gone)).findFirst()
                    .orElseThrow();
            assertEquals(SelectionStage.Status.FAILED, r.status());
            assertTrue(r.note().orElseThrow().contains(gone), r.note().toString());
            assertEquals(8L, done.get(done.size() - 1));
        }
    }

    @Test
    void minPatchesKeepsStoredFramesFreshWhileFinalRegionReRunsThem() throws Exception {
        Path root = dataset();
        List<SelectionStage.Item> items = SelectionStage.itemsOf(DatasetScanner.scan(root));
        try (Workspace ws = Workspace.open(root, tmp.resolve("ws"))) {
            SelectionParameters d = SelectionParameters.defaults();
            assertEquals(7, new SelectionStage(d, Preset.AUTO, 2).run(root, items, ws, null, null, null).processed());
            SelectionStage.Summary notes = new SelectionStage(d.with("minPatches", "3"), Preset.AUTO, 2)
                    .run(root, items, ws, null, null, null);
            assertEquals(7, notes.fresh(), notes.toString());
            assertEquals(0, notes.processed());
            SelectionStage.Summary region = new SelectionStage(d.with("finalRegion", "5"), Preset.AUTO, 2)
                    .run(root, items, ws, null, null, null);
            assertEquals(7, region.processed(), region.toString());
            assertEquals(0, region.fresh());
        }
    }

    @Test
    void cancellationStopsAndKeepsWhatWasDone() throws Exception {
        Path root = dataset();
        List<SelectionStage.Item> items = SelectionStage.itemsOf(DatasetScanner.scan(root));
        Cancellation c = new Cancellation();
        try (Workspace ws = Workspace.open(root, tmp.resolve("ws"))) {
            SelectionStage stage = new SelectionStage(SelectionParameters.defaults(), Preset.AUTO, 1);
            assertThrows(CancellationException.class, () -> stage.run(root, items, ws, null, (d, t, m) -> {
                if (d >= 2) {
                    c.cancel();
                }
            }, c));
            assertEquals(org.clanet.workbench.workspace.RunStatus.CANCELLED, ws.runLog().runs().get(0).status());
            SelectionStage.Summary again = stage.run(root, items, ws, null, null, null);
            assertTrue(again.fresh() >= 2, "frames done before the cancel are kept: " + again);
            assertTrue(again.processed() > 0, "the cancel stopped the run early: " + again);
            assertEquals(items.size(), again.fresh() + again.processed() + again.failed());
        }
    }

    @Test
    void selectCommandRunsAndExports() throws Exception {
        Path root = dataset();
        Path out = tmp.resolve("cli-out");
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new SelectCommand());
        cl.setOut(new PrintWriter(sw));
        int rc = cl.execute(root.toString(), "--workspace", tmp.resolve("cli-ws").toString(), "--export",
                out.toString(), "--threads", "2", "--param", "finalRegion=8");
        assertEquals(0, rc, sw.toString());
        assertTrue(sw.toString().contains("8 images: 7 processed, 0 up to date, 1 failed"), sw.toString());
        Map<String, List<List<Double>>> json = new ObjectMapper().readValue(out.resolve("patches.json").toFile(),
                new TypeReference<>() { });
        json.values().forEach(v -> assertTrue(v.size() <= 8));
        StringWriter sw2 = new StringWriter();
        CommandLine cl2 = new CommandLine(new SelectCommand());
        cl2.setOut(new PrintWriter(sw2));
        assertEquals(0, cl2.execute(root.toString(), "--workspace", tmp.resolve("cli-ws").toString(), "--param",
                "finalRegion=8"));
        assertTrue(sw2.toString().contains("0 processed, 7 up to date"), sw2.toString());
        StringWriter sw3 = new StringWriter();
        CommandLine cl3 = new CommandLine(new SelectCommand());
        cl3.setOut(new PrintWriter(sw3));
        assertEquals(0, cl3.execute("--list-params"));
        assertTrue(sw3.toString().contains("bbNumLimit"));
        CommandLine cl4 = new CommandLine(new SelectCommand());
        cl4.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl4.execute(root.toString(), "--param", "nope=1"));
    }

    @Test
    void readBackSaysWhatIsFreshAndWhatIsStale() throws Exception {
        Path root = dataset();
        var dataset = DatasetScanner.scan(root);
        List<SelectionStage.Item> items = SelectionStage.itemsOf(dataset);
        SelectionParameters p = SelectionParameters.defaults();
        try (Workspace ws = Workspace.open(root, tmp.resolve("ws"))) {
            new SelectionStage(p, Preset.AUTO, 2).run(root, items, ws, null, null, null);
            var frames = dataset.frames().toList();
            var first = frames.get(0);
            var stored = SelectionResults.fresh(ws, root, first, p, Preset.AUTO).orElseThrow();
            assertEquals(ws.patches().get(first.relativePath()).size(), stored.patches().size());
            assertEquals(300 * 240, stored.mask().length, "the mask decodes to the processed size");
            assertTrue(SelectionResults.staleFrames(ws, root, frames, p, Preset.AUTO).isEmpty());
            SelectionParameters other = p.with("finalRegion", "5");
            assertTrue(SelectionResults.fresh(ws, root, first, other, Preset.AUTO).isEmpty());
            assertEquals(SelectionResults.doneFrames(ws), SelectionResults.staleFrames(ws, root, frames, other,
                    Preset.AUTO), "another parameter makes every stored frame stale");
            Files.setLastModifiedTime(first.path(), java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
            assertEquals(java.util.Set.of(first.relativePath()),
                    SelectionResults.staleFrames(ws, root, frames, p, Preset.AUTO), "a changed file is stale");
        }
    }
}
