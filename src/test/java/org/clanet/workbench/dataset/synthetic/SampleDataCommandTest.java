package org.clanet.workbench.dataset.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clanet.workbench.cli.SampleDataCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SampleDataCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SampleDataCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static long jpegs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).count();
        }
    }

    @Test
    void writesTheDatasetAndReportsProgressAndASummary(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("data");
        Run r = run("--out", out.toString(), "--seed", "7", "--lines", "2", "--batches", "2", "--positions", "1",
                "--timepoints", "3", "--width", "96", "--height", "72", "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals(12, jpegs(out));
        assertTrue(Files.isDirectory(out.resolve("SynRound/batch_2")));
        assertTrue(Files.isDirectory(out.resolve("SynSpindle/batch_1")));
        assertTrue(Pattern.compile("\\[\\s*12/12] 100% ETA \\d+s").matcher(r.err()).find(), r.err());
        assertTrue(r.err().contains("Wrote 12 images"), r.err());
        assertTrue(r.err().contains("batch_2 VID"), r.err());
        assertTrue(r.err().contains("every "), r.err());
    }

    @Test
    void rejectsNegativeCountsWithAClearMessage(@TempDir Path dir) {
        for (String opt : new String[] {"--lines", "--batches", "--positions", "--timepoints", "--width", "--height"}) {
            Run r = run("--out", dir.resolve("x").toString(), opt, "-2");
            assertEquals(2, r.exit(), opt);
            assertTrue(r.err().contains(opt + " must be between"), r.err());
        }
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written on bad input");
    }

    @Test
    void rejectsTooManyLines(@TempDir Path dir) {
        Run r = run("--out", dir.toString(), "--lines", "9");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--lines must be between 1 and 6, was 9"), r.err());
    }

    @Test
    void rejectsAFileAsOutput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "not a folder");
        Run r = run("--out", file.toString(), "--lines", "1", "--batches", "1", "--positions", "1", "--timepoints", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void refusesToOverwriteUnlessAsked(@TempDir Path dir) throws IOException {
        String[] args = {"--out", dir.toString(), "--lines", "1", "--batches", "1", "--positions", "1",
            "--timepoints", "2", "--width", "64", "--height", "64"};
        assertEquals(0, run(args).exit());
        Run again = run(args);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        String[] overwrite = java.util.Arrays.copyOf(args, args.length + 1);
        overwrite[args.length] = "--overwrite";
        assertEquals(0, run(overwrite).exit());
        assertEquals(2, jpegs(dir));
    }

    @Test
    void requiresOut() {
        Run r = run("--lines", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void hasHelp() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("sample-data"), r.out());
        assertTrue(r.out().contains("--timepoints"), r.out());
    }
}
