package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale-out: two shards into two workspaces, merged, leave nothing to do; conflicting workspaces are refused. */
class ShardMergeTest {

    @Test
    void twoShardsMergedCoverEveryFrame(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        for (String line : new String[] {"SynRound", "SynSpindle"}) {
            Path batch = data.resolve(line + "/batch_1");
            Files.createDirectories(batch);
            try (var files = Files.list(SharedData.sampleData().resolve(line + "/batch_1"))) {
                for (Path f : files.sorted().limit(4).toList()) {
                    Files.copy(f, batch.resolve(f.getFileName()));
                }
            }
        }
        Path w1 = tmp.resolve("w1");
        Path w2 = tmp.resolve("w2");
        CliTest.Result a = CliTest.run("select", data.toString(), "--workspace", w1.toString(), "--shard", "1/2");
        CliTest.Result b = CliTest.run("select", data.toString(), "--workspace", w2.toString(), "--shard", "2/2");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        int n1 = processed(a.out());
        int n2 = processed(b.out());
        assertEquals(8, n1 + n2, "the shards split the 8 frames: " + a.out() + b.out());
        assertTrue(n1 > 0 && n2 > 0, "both shards get frames");

        Path merged = tmp.resolve("merged");
        CliTest.Result m = CliTest.run("workspace", "merge", w1.toString(), w2.toString(), "--into", merged.toString());
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("8 results"), m.out());

        CliTest.Result again = CliTest.run("select", data.toString(), "--workspace", merged.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("8 images: 0 processed, 8 up to date"), again.out());

        // A shard made with another parameter disagrees with the merged results: refused, naming the item.
        Path w3 = tmp.resolve("w3");
        CliTest.run("select", data.toString(), "--workspace", w3.toString(), "--param", "finalRegion=5");
        CliTest.Result refused = CliTest.run("workspace", "merge", w3.toString(), "--into", merged.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("different parameters"), refused.err());
    }

    @Test
    void badShardIsAUsageError(@TempDir Path tmp) {
        assertEquals(2, CliTest.run("select", tmp.toString(), "--shard", "3/2").exit());
        assertEquals(2, CliTest.run("select", tmp.toString(), "--shard", "x").exit());
    }

    private static int processed(String out) {
        Matcher m = Pattern.compile("(\\d+) images: (\\d+) processed").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(2));
    }
}
