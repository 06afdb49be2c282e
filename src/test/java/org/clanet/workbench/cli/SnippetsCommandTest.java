package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;

class SnippetsCommandTest {

    @Test
    void drawsReproducibleSnippetsForTheSampleData() throws Exception {
        String dir = SharedData.sampleData().toString();
        CliTest.Result r = CliTest.run("snippets", dir, "--epochs", "30", "--seed", "4", "--settling-hours", "0",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertEquals(24, all.size()); // 4 lines × 3 batches × 2 positions
        JsonNode first = all.get(0);
        assertTrue(first.get("sequence").asText().startsWith("SynColony/batch_1/"), first.toString());
        JsonNode times = first.get("times_h");
        assertEquals(8, times.size());
        assertEquals(18, times.get(0).asInt()); // 00d17h50m: minutes round up to the next hour
        JsonNode samples = first.get("samples");
        assertEquals(30, samples.size());
        for (int e = 0; e < 5; e++) {
            assertEquals(8, samples.get(e).get("frames").size(), "warm-up epoch " + e + " takes all frames");
            assertEquals(1.0, samples.get(e).get("weight").asDouble());
        }
        boolean partial = false;
        for (JsonNode s : samples) {
            JsonNode f = s.get("frames");
            for (int i = 1; i < f.size(); i++) {
                assertTrue(f.get(i).asInt() > f.get(i - 1).asInt());
            }
            assertTrue(s.get("g").asInt() >= 1 && s.get("g").asInt() <= 8);
            partial |= f.size() < 8;
        }
        assertTrue(partial, "4-hourly frames: g > 4 happens in 25 epochs and samples a subset");

        String id = first.get("sequence").asText();
        CliTest.Result one = CliTest.run("snippets", dir, "--sequence", id, "--epochs", "30", "--seed", "4",
                "--settling-hours", "0", "--json");
        assertEquals(0, one.exit(), one.err());
        JsonNode again = new ObjectMapper().readTree(one.out());
        assertEquals(1, again.size());
        assertEquals(first, again.get(0));
        CliTest.Result other = CliTest.run("snippets", dir, "--sequence", id, "--epochs", "30", "--seed", "5",
                "--settling-hours", "0", "--json");
        assertNotEquals(first.get("samples"), new ObjectMapper().readTree(other.out()).get(0).get("samples"));
    }

    @Test
    void leavesOutTheSettlingFramesAsTrainingDoesByDefault() throws Exception {
        String dir = SharedData.sampleData().toString();
        CliTest.Result r = CliTest.run("snippets", dir, "--sequence", "SynColony/batch_1/VID4325_C12_1_*", "--epochs",
                "6", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode seq = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals("[26,30,34,38,42,46]", seq.get("times_h").toString(), "18 h and 22 h are before 24 h");
        assertEquals(2, seq.get("frames_settling").size());
        assertTrue(seq.get("frames_settling").get(0).asText().endsWith("00d17h50m.jpg"), seq.toString());
        assertEquals(6, seq.get("samples").get(0).get("frames").size());
        CliTest.Result late = CliTest.run("snippets", dir, "--sequence", "SynColony/batch_1/VID4325_C12_1_*",
                "--settling-hours", "100", "--epochs", "1", "--json");
        assertEquals("[38,42,46]", new ObjectMapper().readTree(late.out()).get(0).get("times_h").toString(),
                "a sequence keeps its last 3 frames");
        CliTest.Result four = CliTest.run("snippets", dir, "--sequence", "SynColony/batch_1/VID4325_C12_1_*",
                "--settling-hours", "100", "--min-frames", "4", "--epochs", "1", "--json");
        assertEquals("[34,38,42,46]", new ObjectMapper().readTree(four.out()).get(0).get("times_h").toString(),
                "... its last --min-frames frames");
        CliTest.Result one = CliTest.run("snippets", dir, "--min-frames", "1");
        assertEquals(1, one.exit());
        assertTrue(one.err().contains("--min-frames must be >= 2"), one.err());
        CliTest.Result bad = CliTest.run("snippets", dir, "--settling-hours", "-2");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("--settling-hours must be >= 0"), bad.err());
    }

    @Test
    void withAWorkspaceFramesWithTooFewPatchesAreLeftOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path batch = tmp.resolve("data/SynRound/batch_1");
        java.nio.file.Files.createDirectories(batch);
        java.util.List<java.nio.file.Path> frames;
        try (var files = java.nio.file.Files.list(SharedData.sampleData().resolve("SynRound/batch_1"))) {
            frames = files.sorted().limit(8).toList(); // one position, 8 timepoints
        }
        for (java.nio.file.Path f : frames.subList(0, 6)) {
            java.nio.file.Files.copy(f, batch.resolve(f.getFileName()));
        }
        CliTest.Result sel = CliTest.run("select", tmp.resolve("data").toString(), "--param", "finalRegion=5",
                "--threads", "2");
        assertEquals(0, sel.exit(), sel.err());
        for (java.nio.file.Path f : frames.subList(6, 8)) { // two frames the selection has not seen
            java.nio.file.Files.copy(f, batch.resolve(f.getFileName()));
        }
        CliTest.Result r = CliTest.run("snippets", tmp.resolve("data").toString(), "--epochs", "8",
                "--settling-hours", "0", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode seq = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals(6, seq.get("frames_left_out").size(), seq.toString());
        assertEquals(5, seq.get("frames_left_out").get(0).get("patches").asInt());
        assertEquals(2, seq.get("times_h").size());
        assertEquals(2, seq.get("unselected_frames").asInt());
        assertEquals(8, seq.get("samples").size());
        CliTest.Result five = CliTest.run("snippets", tmp.resolve("data").toString(), "--epochs", "8", "--patches",
                "5", "--settling-hours", "0", "--json");
        JsonNode all = new ObjectMapper().readTree(five.out()).get(0);
        assertEquals(0, all.get("frames_left_out").size());
        assertEquals(8, all.get("times_h").size());
        assertEquals(8, all.get("frame_paths").size());
    }

    @Test
    void unknownSequenceIsAnError() {
        CliTest.Result r = CliTest.run("snippets", SharedData.sampleData().toString(), "--sequence", "Z99");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no sequence named 'Z99'"), r.err());
    }

    @Test
    void textOutputNamesEpochs() {
        CliTest.Result r = CliTest.run("snippets", SharedData.sampleData().toString(), "--epochs", "6");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch    5  g="), r.out());
    }
}
