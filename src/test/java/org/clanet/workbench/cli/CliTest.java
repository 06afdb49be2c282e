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
