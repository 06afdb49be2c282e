package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole CLI path on (a part of) the bundled sample data with a small imported ViT: embed → train
 * (batch-separated) → evaluate → predict with heatmaps → models; and the refusals on bad input. Figures of merit
 * live in docs/BENCHMARKS.md; this checks the plumbing and the output shapes.
 */
class IdentifyEndToEndTest {

    /** Every line, every batch, both positions, the first {@code frames} timepoints. */
    static Path sample(Path tmp, int frames) throws Exception {
        Path data = tmp.resolve("data");
        Path src = SharedData.sampleData();
        try (var all = Files.walk(src)) {
            Map<Path, Integer> taken = new TreeMap<>();
            for (Path f : all.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                Path rel = src.relativize(f);
                String seq = rel.getParent() + "/" + f.getFileName().toString().replaceAll("_\\d+d\\d+h\\d+m", "");
                int n = taken.merge(Path.of(seq), 1, Integer::sum);
                if (n <= frames) {
                    Files.createDirectories(data.resolve(rel).getParent());
                    Files.copy(f, data.resolve(rel));
                }
            }
        }
        return data;
    }

    @Test
    void trainEvaluatePredictOnSampleData(@TempDir Path tmp) throws Exception {
        Path data = sample(tmp, 4);
        CliTest.Result emb = CliTest.run("embed", data.toString(), "--encoder", EmbedCommandTest.SMALL_VIT.toString());
        assertEquals(0, emb.exit(), emb.out() + emb.err());

        CliTest.Result train = CliTest.run("train", data.toString(), "--epochs", "30", "--param", "validateEvery=5",
                "--param", "minFrames=3");
        assertEquals(0, train.exit(), train.out() + train.err());
        assertTrue(train.out().contains("model "), train.out());
        assertTrue(train.err().contains("epoch") && train.err().contains("loss"), "per-epoch figures: " + train.err());

        CliTest.Result again = CliTest.run("train", data.toString(), "--epochs", "30", "--param", "validateEvery=5",
                "--param", "minFrames=3");
        assertEquals(0, again.exit(), again.err());
        assertEquals(modelId(train.out()), modelId(again.out()), "the same command is the same run (resumable)");

        CliTest.Result eval = CliTest.run("evaluate", data.toString(), "--json");
        assertEquals(0, eval.exit(), eval.out() + eval.err());
        JsonNode ev = new ObjectMapper().readTree(eval.out());
        assertEquals(4, ev.get("classes").size());
        for (String level : new String[] {"sequence", "batch"}) {
            for (String k : new String[] {"top1", "top3", "top5", "macroF1", "auc", "confusion"}) {
                assertTrue(ev.get(level).has(k), level + "." + k);
            }
        }
        int tested = ev.get("sequence").get("count").asInt();
        assertTrue(tested >= 12 && tested <= 16, "2 test batches x 2 positions x 4 lines, less those with too few"
                + " usable frames: " + tested + " " + ev.get("leftOut"));

        Path maps = tmp.resolve("maps");
        CliTest.Result pred = CliTest.run("predict", data.toString(), "--json", "--heatmaps", maps.toString());
        JsonNode pj = new ObjectMapper().readTree(pred.out());
        int predicted = pj.get("sequences").size();
        assertEquals(24, predicted + pj.get("failed").size(), "every sequence predicted or its reason given");
        assertEquals(predicted == 24 ? 0 : 3, pred.exit(), pred.err());
        JsonNode s0 = pj.get("sequences").get(0);
        assertTrue(s0.has("sequence") && s0.has("batch") && s0.has("top") && s0.has("probabilities")
                && s0.has("unknown") && s0.has("warnings"));
        // SynColony/batch_1/VID4325_C12: frames at 18, 22, 26, 30 h; settlingHours 24 leaves out 18 h and keeps 3
        assertEquals(30, s0.get("instances").size(), "3 frames x 10 patches, in bag order");
        assertTrue(s0.get("warnings").toString().contains("1 early frame(s) left out (taken < 24 h after seeding"),
                s0.get("warnings").toString());
        assertTrue(s0.get("warnings").toString().contains("1 frame(s) from the first 24 h after seeding used (fewer"
                + " than 3 later ones)"), "22 h is kept to make 3 frames: " + s0.get("warnings"));
        assertTrue(s0.get("instances").toString().contains("00d21h50m") && !s0.get("instances").toString()
                .contains("00d17h50m"), "the first frame is the one left out");
        double sum = 0;
        for (JsonNode i : s0.get("instances")) {
            sum += i.get("attention").asDouble();
            assertTrue(i.get("frame").asText().contains("/"), "relative frame path");
        }
        assertEquals(1.0, sum, 1e-4, "attention is a softmax over the bag");
        assertTrue(pj.get("batches").size() >= 12);
        try (var files = Files.list(maps)) {
            long pngs = files.filter(p -> p.toString().endsWith(".png")).count();
            assertTrue(pngs >= predicted * (3 + 1) && pngs <= predicted * (4 + 1),
                    "a heatmap per usable frame and a strip per sequence: " + pngs);
        }

        CliTest.Result models = CliTest.run("models", data.toString());
        assertEquals(0, models.exit());
        assertTrue(models.out().contains("trained") && models.out().contains("finished"), models.out());
    }

    @Test
    void refusesWhatCannotWork(@TempDir Path tmp) throws Exception {
        Path data = sample(tmp, 3);
        CliTest.Result noModel = CliTest.run("predict", data.toString());
        assertEquals(1, noModel.exit());
        assertTrue(noModel.err().contains("no trained model yet"), noModel.err());
        // One batch per line: a batch-separated split is impossible, and says so.
        Path oneBatch = tmp.resolve("one");
        for (String line : new String[] {"SynRound", "SynSpindle"}) {
            Path dst = oneBatch.resolve(line + "/batch_1");
            Files.createDirectories(dst);
            try (var fs = Files.list(data.resolve(line + "/batch_1"))) {
                for (Path f : fs.toList()) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
        }
        CliTest.run("embed", oneBatch.toString(), "--encoder", EmbedCommandTest.SMALL_VIT.toString());
        CliTest.Result impossible = CliTest.run("train", oneBatch.toString(), "--epochs", "2");
        assertEquals(1, impossible.exit(), impossible.out() + impossible.err());
        assertTrue(impossible.err().toLowerCase().contains("batch"), impossible.err());
        assertFalse(impossible.err().contains("Exception"), impossible.err());
    }

    private static String modelId(String out) {
        int i = out.indexOf("model ");
        return out.substring(i + 6, out.indexOf(':', i));
    }
}
