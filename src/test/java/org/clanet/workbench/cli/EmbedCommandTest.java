package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.clanet.workbench.io.NpyArray;
import org.clanet.workbench.io.Npz;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `clanet embed` end to end on sample data with a small imported ViT (published key names). */
class EmbedCommandTest {

    static final Path SMALL_VIT = Path.of("src/test/resources/embedding/vit_p16_d48.npz");

    static Path sampleSubset(Path tmp, int framesPerLine) throws Exception {
        Path data = tmp.resolve("data");
        for (String line : new String[] {"SynRound", "SynSpindle"}) {
            Path batch = data.resolve(line + "/batch_1");
            Files.createDirectories(batch);
            try (var files = Files.list(SharedData.sampleData().resolve(line + "/batch_1"))) {
                for (Path f : files.sorted().limit(framesPerLine).toList()) {
                    Files.copy(f, batch.resolve(f.getFileName()));
                }
            }
        }
        return data;
    }

    @Test
    void embedsRunsSelectionFirstExportsAndResumes(@TempDir Path tmp) throws Exception {
        Path data = sampleSubset(tmp, 3);
        Path out = tmp.resolve("emb.npz");
        CliTest.Result r = CliTest.run("embed", data.toString(), "--encoder", SMALL_VIT.toString(), "--export",
                out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("6 frames: 6 processed"), r.out());
        Map<String, NpyArray> npz = Npz.read(out);
        NpyArray features = npz.get("features");
        long rows = features.shape()[0];
        assertEquals(192, features.shape()[1], "4 blocks x 48-d class tokens");
        assertTrue(rows >= 6 * 10 - 10 && rows <= 60, "up to 10 patches per frame: " + rows);
        assertEquals(rows, npz.get("paths").shape()[0]);
        assertTrue(npz.get("paths").strings()[0].startsWith("SynRound/batch_1/"), npz.get("paths").strings()[0]);
        assertEquals(1f, npz.get("ranks").data()[0]);
        assertTrue(npz.get("ranks").dtype().contains("i4"));

        CliTest.Result again = CliTest.run("embed", data.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("6 frames: 0 processed, 6 up to date"), "the imported encoder is the"
                + " default now, and nothing is recomputed: " + again.out());

        // New selection parameters make the embeddings built on the old patches stale.
        CliTest.run("select", data.toString(), "--param", "finalRegion=12");
        CliTest.Result stale = CliTest.run("embed", data.toString());
        assertTrue(stale.out().contains("6 frames: 6 processed"), stale.out());

        CliTest.Result list = CliTest.run("encoders", data.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("imported") && list.out().contains("vit_p16_d48.npz"), list.out());
    }

    @Test
    void badEncoderChoicesSayWhatIsWrong(@TempDir Path tmp) throws Exception {
        Path data = sampleSubset(tmp, 1);
        CliTest.Result none = CliTest.run("embed", data.toString());
        assertEquals(0, none.exit(), none.err());
        assertTrue((none.out() + none.err()).contains("texture statistics"), "no encoder yet: the built-in one "
                + none.out() + none.err());
        CliTest.Result unknown = CliTest.run("embed", data.toString(), "--encoder", "deadbeef");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no encoder 'deadbeef'"), unknown.err());
        Path corrupt = tmp.resolve("broken.npz");
        Files.write(corrupt, new byte[] {1, 2, 3, 4});
        CliTest.Result broken = CliTest.run("embed", data.toString(), "--encoder", corrupt.toString());
        assertTrue(broken.exit() != 0, "a corrupt encoder file fails");
        assertTrue((broken.out() + broken.err()).contains("broken.npz"), broken.out() + broken.err());
    }
}
