package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

    @TempDir
    Path tmp;

    private Workspace open() throws IOException {
        return Workspace.open(Files.createDirectories(tmp.resolve("dataset")), null);
    }

    @Test
    void startAndFinishARun() throws IOException {
        try (Workspace ws = open()) {
            Instant before = Instant.now();
            long id = ws.runLog().startRun("train", "{\"epochs\":30,\"lr\":0.0001}");
            RunRecord running = ws.runLog().runs().get(0);
            assertEquals(id, running.id());
            assertEquals("train", running.stage());
            assertEquals("{\"epochs\":30,\"lr\":0.0001}", running.parametersJson());
            assertEquals(RunStatus.RUNNING, running.status());
            assertFalse(running.startedAt().isBefore(before.minusSeconds(1)));
            assertNull(running.finishedAt());
            assertNull(running.message());

            ws.runLog().finishRun(id, RunStatus.FAILED, "out of memory");
            RunRecord done = ws.runLog().runs().get(0);
            assertEquals(RunStatus.FAILED, done.status());
            assertEquals("out of memory", done.message());
            assertNotNull(done.finishedAt());
            assertFalse(done.finishedAt().isBefore(done.startedAt()));
        }
    }

    @Test
    void runsAreListedOldestFirstWithDistinctIds() throws IOException {
        try (Workspace ws = open()) {
            long a = ws.runLog().startRun("mask", "{}");
            long b = ws.runLog().startRun("select", null);
            assertTrue(b > a);
            List<RunRecord> runs = ws.runLog().runs();
            assertEquals(List.of("mask", "select"), runs.stream().map(RunRecord::stage).toList());
            assertEquals("{}", runs.get(1).parametersJson(), "null parameters are stored as an empty object");
        }
    }

    @Test
    void aRunFinishesOnlyOnce() throws IOException {
        try (Workspace ws = open()) {
            long id = ws.runLog().startRun("embed", "{}");
            ws.runLog().finishRun(id, RunStatus.CANCELLED, "user cancelled");
            assertThrows(IllegalStateException.class, () -> ws.runLog().finishRun(id, RunStatus.SUCCEEDED, null));
            assertEquals(RunStatus.CANCELLED, ws.runLog().runs().get(0).status());
            assertThrows(IllegalStateException.class, () -> ws.runLog().finishRun(id + 100, RunStatus.SUCCEEDED, null));
            long other = ws.runLog().startRun("embed", "{}");
            assertThrows(IllegalArgumentException.class, () -> ws.runLog().finishRun(other, RunStatus.RUNNING, null));
        }
    }

    @Test
    void parametersMustBeJson() throws IOException {
        try (Workspace ws = open()) {
            assertThrows(IllegalArgumentException.class, () -> ws.runLog().startRun("train", "{epochs: 30"));
            assertEquals(List.of(), ws.runLog().runs());
        }
    }

    static long deadProcessPid() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return p.pid();
    }

    @Test
    void runsOfALiveProcessStayRunningOnReopen() throws IOException {
        long live;
        try (Workspace ws = open()) {
            live = ws.runLog().startRun("select", "{}"); // this process: the CLI beside an open workbench
        }
        try (Workspace ws = open()) {
            assertEquals(RunStatus.RUNNING, ws.runLog().runs().get(0).status());
            ws.runLog().finishRun(live, RunStatus.SUCCEEDED, "done");
        }
    }

    @Test
    void runsLeftRunningAreMarkedInterruptedOnReopen() throws IOException {
        long finished;
        long left;
        try (Workspace ws = open()) {
            finished = ws.runLog().startRun("mask", "{}");
            ws.runLog().finishRun(finished, RunStatus.SUCCEEDED, "ok");
            left = ws.runLog().startRun("train", "{}");
            // Its process has ended (a pid that is no longer alive on this host).
            long deadPid = deadProcessPid();
            ws.runInTransaction(c -> MigrationTest.exec(c, "UPDATE runs SET owner_pid = " + deadPid + " WHERE id = " + left));
        }
        try (Workspace ws = open()) {
            List<RunRecord> runs = ws.runLog().runs();
            assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
            assertEquals("ok", runs.get(0).message());
            assertEquals(left, runs.get(1).id());
            assertEquals(RunStatus.INTERRUPTED, runs.get(1).status());
            assertEquals(RunLog.INTERRUPTED_MESSAGE, runs.get(1).message());
            assertNotNull(runs.get(1).finishedAt());
        }
    }
}
