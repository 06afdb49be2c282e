package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real JVM mid-write and checks what the next session reads back. */
class CrashResumeTest {

    @TempDir
    Path tmp;

    @Test
    void nothingHalfWrittenIsReadBackAsDone() throws Exception {
        Path dataset = Files.createDirectories(tmp.resolve("dataset"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dclanet.home=" + tmp.resolve("home"),
                "-Dlogback.configurationFile=none",
                CrashChild.class.getName(), dataset.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(77, p.exitValue(), output);
        assertTrue(output.contains("HALTING") && !output.contains("NOT REACHED"), output);

        try (Workspace ws = Workspace.open(dataset, null)) {
            // Committed before the crash: intact and fresh.
            assertEquals(List.of(new StoredPatch(0, 1, 2, 112, 112, 0.9)), ws.patches().get("A/committed.tif"));
            assertTrue(ws.isFresh("select", "A/committed.tif", "k-committed"));
            // Written inside the open transaction: gone, and not reported done.
            assertFalse(ws.patches().hasPatches("A/torn.tif"));
            assertFalse(ws.isFresh("select", "A/torn.tif", "k-torn"));
            assertFalse(ws.isFresh("embed", "seq-torn", "k-embed"));
            // The file being replaced still has its old content.
            assertEquals("old mask", Files.readString(ws.patches().maskFile("A/torn.tif")));
            // The run that was in progress is reported as interrupted.
            assertEquals(RunStatus.INTERRUPTED, ws.runLog().runs().get(0).status());
        }
    }
}
