package org.clanet.workbench.app.tasks;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.FxTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs javafx.concurrent tasks, so it starts the (headless) FX toolkit; no window is shown. */
class TaskRunnerTest {

    private final TaskRunner runner = new TaskRunner(2);

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void progressMessageEtaAndResult() throws Exception {
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        JobTask<String> t = onFx(() -> runner.submit("Count", (p, c) -> {
            for (int i = 1; i <= 10; i++) {
                Thread.sleep(5);
                p.update(i, 10, "Counting");
                if (i == 5) {
                    halfway.countDown();
                    go.await(5, TimeUnit.SECONDS);
                }
            }
            return "ten";
        }));
        assertTrue(halfway.await(5, TimeUnit.SECONDS));
        await(5, () -> t.getProgress() == 0.5);
        String msg = onFx(t::getMessage);
        assertTrue(msg.startsWith("Counting · 5 / 10"), msg);
        assertEquals(1, onFx(() -> runner.runningCount().get()));
        assertSame(t, onFx(() -> runner.currentProperty().get()));
        go.countDown();
        await(5, () -> t.getState() == Worker.State.SUCCEEDED);
        assertEquals("ten", onFx(t::getValue));
        assertEquals(1.0, onFx(t::getProgress));
        String done = onFx(t::getMessage);
        assertTrue(done.startsWith("Done in"), done);
        assertEquals(0, onFx(() -> runner.runningCount().get()));
    }

    @Test
    void failureKeepsTheReasonAndCancelStopsTheJob() throws Exception {
        JobTask<Object> bad = onFx(() -> runner.submit("Bad", (p, c) -> {
            throw new IOException("/data/x: not a folder");
        }));
        await(5, () -> bad.getState() == Worker.State.FAILED);
        assertEquals("/data/x: not a folder", onFx(bad::getFailureReason));

        CountDownLatch started = new CountDownLatch(1);
        JobTask<Integer> slow = onFx(() -> runner.submit("Slow", (p, c) -> {
            started.countDown();
            int n = 0;
            while (true) {
                c.throwIfCancelled(); // the core polls its Cancellation between work units
                Thread.sleep(2);
                n++;
            }
        }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        onFx(() -> slow.cancel());
        await(5, () -> slow.getState() == Worker.State.CANCELLED);
        assertTrue(slow.cancellation().isCancelled());
        assertEquals(2, (int) onFx(() -> runner.tasks().size()), "finished tasks stay listed");
        onFx(runner::clearFinished);
        assertTrue(runner.tasks().isEmpty());
    }
}
