package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.clanet.workbench.cli.CliTest.Result;
import org.clanet.workbench.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes scripts can rely on (0 done, 1 could not run, 2 usage, 3 some items failed), one-line usage errors,
 * and an unwritable export folder named with its problem before any work.
 */
class ExitCodesTest {

    @TempDir
    Path tmp;

    /** Two good sample frames and a third cut in half (its header survives, so the scan takes it). */
    private Path datasetWithACutFrame() throws Exception {
        Path batch = tmp.resolve("data/SynRound/batch_1");
        Files.createDirectories(batch);
        List<Path> src;
        try (var files = Files.list(SharedData.sampleData().resolve("SynRound/batch_1"))) {
            src = files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(3).toList();
        }
        Files.copy(src.get(0), batch.resolve(src.get(0).getFileName()));
        Files.copy(src.get(1), batch.resolve(src.get(1).getFileName()));
        byte[] whole = Files.readAllBytes(src.get(2));
        Files.write(batch.resolve(src.get(2).getFileName()), Arrays.copyOf(whole, whole.length / 2));
        return tmp.resolve("data");
    }

    @Test
    void selectExitsThreeWhenSomeFramesFailAndKeepsTheOthers() throws Exception {
        Path data = datasetWithACutFrame();
        Path out = tmp.resolve("out");
        Result r = CliTest.run("select", data.toString(), "--export", out.toString(), "--threads", "1");
        assertEquals(ExitCodes.SOME_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("3 images: 2 processed, 0 up to date, 1 failed"), r.out());
        assertTrue(r.out().contains("corrupt or truncated image: Truncated File - Missing EOI marker"),
                "the reason is printed: " + r.out());
        assertTrue(r.out().contains("1 frame failed (exit status 3)"), r.out());
        assertTrue(r.out().contains(", 1 thread)"), "singular: " + r.out());
        JsonNode patches = new ObjectMapper().readTree(out.resolve("patches.json").toFile());
        assertEquals(2, patches.size(), "the good frames are exported");

        // the good frames were stored: a second run has them up to date, and still reports the bad one
        Result again = CliTest.run("select", data.toString(), "--threads", "1");
        assertEquals(ExitCodes.SOME_FAILED, again.exit());
        assertTrue(again.out().contains("2 up to date, 1 failed"), again.out());
    }

    @Test
    void selectExitsZeroWhenEverythingIsDone() throws Exception {
        Path data = datasetWithACutFrame();
        Files.list(data.resolve("SynRound/batch_1")).sorted().skip(2).forEach(p -> p.toFile().delete());
        Result r = CliTest.run("select", data.toString(), "--no-workspace", "--export", tmp.resolve("o").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("2 images: 2 processed"), r.out());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        Result badParam = CliTest.run("select", "sample-data", "--param", "nope=1");
        assertEquals(ExitCodes.USAGE, badParam.exit());
        List<String> lines = badParam.err().lines().toList();
        assertEquals(2, lines.size(), badParam.err());
        assertTrue(lines.get(0).startsWith("error: --param nope=1: unknown selection parameter 'nope'"), lines.get(0));
        assertEquals("Try 'clanet select --help' for more information.", lines.get(1));
        assertFalse(badParam.err().contains("Usage:"), "no usage block burying the reason");

        Result noDir = CliTest.run("select");
        assertEquals(ExitCodes.USAGE, noDir.exit());
        assertTrue(noDir.err().contains("Missing required parameter: 'DIR'"), noDir.err());
        assertTrue(CliTest.run("select", "--help").out().contains("[--param=NAME=VALUE]... DIR"),
                "DIR is shown as required");
        assertEquals(ExitCodes.OK, CliTest.run("select", "--list-params").exit(), "--list-params needs no DIR");

        Result unknownFirst = CliTest.run("select", "--lst");
        assertEquals(ExitCodes.USAGE, unknownFirst.exit());
        assertTrue(unknownFirst.err().startsWith("error: Unknown option: '--lst'"), "the typo, not a missing DIR: "
                + unknownFirst.err());

        Result typo = CliTest.run("scan", "sample-data", "--jsn");
        assertEquals(ExitCodes.USAGE, typo.exit());
        assertTrue(typo.err().contains("--json"), "suggests the option: " + typo.err());

        assertEquals(ExitCodes.USAGE, CliTest.run("sample-data", "--out", tmp.toString(), "--lines", "0").exit());
        assertEquals(ExitCodes.USAGE, CliTest.run("info", "--bogus").exit());
        assertEquals(ExitCodes.USAGE, CliTest.run("select", "sample-data", "--max-pixels", "lots").exit());
    }

    @Test
    void everyCommandListsItsExitCodes() {
        for (String name : List.of("scan", "select", "sample-data", "info")) {
            String help = CliTest.run(name, "--help").out();
            assertTrue(help.contains("Exit codes:"), name + ": " + help);
            assertTrue(help.lines().anyMatch(l -> l.matches("\\s+2\\s+usage error.*")), name + ": " + help);
        }
        assertTrue(CliTest.run("select", "--help").out().lines().anyMatch(l -> l.matches("\\s+3\\s+some frames failed.*")));
    }

    @Test
    void helpWrapsWholeParagraphs() {
        for (String name : List.of("scan", "select", "sample-data")) {
            List<String> lines = CliTest.run(name, "--help").out().lines().toList();
            // descriptions were hard-broken at ~100 columns and then wrapped at 80: a line ended although the
            // next word would have fitted ("...sequences (flask positions), frames," / "time spans...")
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1);
                if (line.isBlank() || line.startsWith(" ") || next.isBlank() || next.startsWith(" ")
                        || line.startsWith("Usage") || line.endsWith(".") || line.endsWith(":")) {
                    continue;
                }
                String nextWord = next.split(" ")[0];
                assertTrue(line.length() + 1 + nextWord.length() >= 80, // picocli keeps the last column free
                        name + ": broken mid-sentence after '" + line + "' (next: '" + next + "')");
            }
        }
    }

    @Test
    void anExportFolderThatIsAFileIsNamedUpFront() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        Result r = CliTest.run("select", "sample-data", "--no-workspace", "--export", file.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertEquals("error: cannot write to " + file + ": it is a file, not a folder", r.err().strip());

        Result below = CliTest.run("select", "sample-data", "--no-workspace", "--export", file.resolve("out").toString());
        assertEquals(ExitCodes.ERROR, below.exit());
        assertTrue(below.err().contains(file + " is a file, not a folder"), below.err());
        assertFalse(below.out().contains("images:"), "refused before any frame was selected: " + below.out());
    }

    @Test
    void aReadOnlyExportFolderSaysPermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "skipped: running as root, which may write anywhere (checked as a normal user)");
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertEquals(java.util.Optional.of("permission denied (cannot create it in " + locked + ")"),
                    WritableFolder.check(locked.resolve("out")));
            assertEquals(java.util.Optional.of("permission denied"), WritableFolder.check(locked));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void writableFoldersPass() throws Exception {
        assertEquals(java.util.Optional.empty(), WritableFolder.check(tmp));
        assertEquals(java.util.Optional.empty(), WritableFolder.check(tmp.resolve("a/b/c")));
    }
}
