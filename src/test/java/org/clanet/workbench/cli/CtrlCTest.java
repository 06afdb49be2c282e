package org.clanet.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clanet.workbench.pipeline.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtrlCTest {

    @Test
    void theHookCancelsThenWaitsForTheCommandToFinish() throws Exception {
        Cancellation cancel = new Cancellation();
        CtrlC c = CtrlC.cancelOnShutdown(cancel, Duration.ofSeconds(30));
        Thread hook = new Thread(c::onShutdown);
        hook.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cancel.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(cancel.isCancelled());
        Thread.sleep(100);
        assertTrue(hook.isAlive(), "the shutdown waits while the command winds up");
        c.close();
        hook.join(5000);
        assertFalse(hook.isAlive(), "and goes on as soon as it is done");
    }

    @Test
    void theWaitIsBounded() throws Exception {
        CtrlC c = CtrlC.cancelOnShutdown(new Cancellation(), Duration.ofMillis(100));
        try {
            long t0 = System.nanoTime();
            c.onShutdown(); // nobody closes it
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        } finally {
            c.close();
        }
    }

    /** A terminated {@code sample-data} (SIGTERM runs the same hooks as Ctrl-C) stops cleanly and says so. */
    @Test
    void aTerminatedCommandFinishesCleanly(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", SampleDataCommand.class.getName(), "--out", tmp.resolve("out").toString(),
                "--lines", "1", "--batches", "1", "--positions", "1", "--timepoints", "400", "--threads", "1")
                .redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Thread reader = new Thread(() -> r.lines().forEach(l -> {
                synchronized (output) {
                    output.append(l).append('\n');
                }
            }));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive()) {
                synchronized (output) {
                    if (output.indexOf("Generating") >= 0) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            Thread.sleep(500); // into the generation
            assertTrue(p.isAlive(), "still generating: " + output);
            p.toHandle().destroy(); // SIGTERM; unlike Process.destroy it leaves the output pipe open
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits within the grace period");
            reader.join(5000);
        } finally {
            p.destroyForcibly();
        }
        String text;
        synchronized (output) {
            text = output.toString();
        }
        assertTrue(List.of(text.split("\n")).contains("cancelled"),
                "the command got to say so: " + text + " (exit " + p.exitValue() + ")");
        assertEquals(143, p.exitValue(), text); // 128 + SIGTERM; Ctrl-C gives 130
    }
}
