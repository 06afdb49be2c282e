package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `clanet pretrain` on a few sample frames: estimate, per-epoch loss, registered encoder, resume, refusals. */
class PretrainCommandTest {

    @Test
    void pretrainsRegistersAndResumes(@TempDir Path tmp) throws Exception {
        Path data = EmbedCommandTest.sampleSubset(tmp, 2);
        String[] args = {"pretrain", data.toString(), "--preset", "cpu", "--epochs", "1", "--batch", "8", "--param",
            "localCropsNumber=2", "--device", "cpu", "--crops-per-frame", "4"};
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("on 16 patches"), "4 frames x 4 jittered crops: " + r.out());
        assertTrue(r.err().contains("4 jittered crops per frame"), r.err());
        assertTrue(r.err().contains("steps per epoch") && r.err().contains("per epoch"), "estimate first: " + r.err());
        assertTrue(r.err().contains("epoch 1") && r.err().contains("loss"), "loss per epoch: " + r.err());
        assertTrue(r.out().startsWith("encoder "), r.out());
        assertTrue(r.out().contains("note: embed and train now take this encoder") && r.out().contains("--encoder texture"), "a CPU run points to the statistics: "
                + r.out());
        CliTest.Result list = CliTest.run("encoders", data.toString());
        assertTrue(list.out().contains("pretrained") && list.out().contains("DINO cpu"), list.out());
        CliTest.Result again = CliTest.run(args);
        assertEquals(0, again.exit(), again.err());
        assertEquals(r.out().substring(0, 24), again.out().substring(0, 24), "the same run, found finished");
        CliTest.Result embed = CliTest.run("embed", data.toString());
        assertEquals(0, embed.exit(), embed.err());
        assertTrue(embed.out().contains("(pretrained)"), "the pretrained encoder is the default: " + embed.out());

        String[] patch8 = {"pretrain", data.toString(), "--preset", "cpu", "--patch-size", "8", "--epochs", "1",
            "--batch", "8", "--param", "localCropsNumber=2", "--device", "cpu", "--crops-per-frame", "4"};
        CliTest.Result p8 = CliTest.run(patch8);
        assertEquals(0, p8.exit(), p8.out() + p8.err());
        assertTrue(p8.err().contains("patch 8,"), p8.err());
        assertTrue(!p8.out().substring(0, 24).equals(r.out().substring(0, 24)), "another run: " + p8.out());
        CliTest.Result embed8 = CliTest.run("embed", data.toString());
        assertEquals(0, embed8.exit(), embed8.err());
        assertTrue(embed8.out().contains("patch 8"), "the newest pretrained encoder embeds: " + embed8.out());
    }

    @Test
    void refusesTooFewPatchesAndUnknownParameters(@TempDir Path tmp) throws Exception {
        Path data = EmbedCommandTest.sampleSubset(tmp, 1);
        CliTest.Result few = CliTest.run("pretrain", data.toString(), "--preset", "cpu", "--batch", "512",
                "--device", "cpu");
        assertEquals(1, few.exit());
        assertTrue(few.err().contains("patches"), few.err());
        assertEquals(2, CliTest.run("pretrain", data.toString(), "--param", "nonsense=1").exit());
        CliTest.Result crops = CliTest.run("pretrain", data.toString(), "--crops-per-frame", "lots");
        assertEquals(2, crops.exit());
        assertTrue(crops.err().contains("neither a number nor auto"), crops.err());
        assertEquals(2, CliTest.run("pretrain", data.toString(), "--crops-per-frame", "-3").exit());
        assertEquals(2, CliTest.run("pretrain", data.toString(), "--preset", "huge/4").exit());
        CliTest.Result patch = CliTest.run("pretrain", data.toString(), "--patch-size", "12");
        assertEquals(2, patch.exit());
        assertTrue(patch.err().contains("patch size must be 8 or 16, got 12"), patch.err());
    }
}
