package org.clanet.workbench.app.tasks;

import static org.clanet.workbench.app.FxTestSupport.await;
import static org.clanet.workbench.app.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Worker;
import org.clanet.workbench.app.FxTestSupport;
import org.clanet.workbench.app.WorkbenchContext;
import org.clanet.workbench.app.WorkbenchViewModel;
import org.clanet.workbench.app.prefs.WorkbenchPreferences;
import org.clanet.workbench.app.status.StatusViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void statusBarFollowsTheRunningJobsProgress(@TempDir Path tmp) throws Exception {
        WorkbenchContext ctx = new WorkbenchContext(Runnable::run, Runnable::run, Runnable::run, runner,
                new WorkbenchPreferences(tmp.resolve("p.json")), () -> new StatusViewModel.EngineInfo("x", "x"),
                () -> { });
        WorkbenchViewModel vm = onFx(() -> new WorkbenchViewModel(ctx));
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        try {
            // observe the bindings eagerly, as the status bar's label does when it is rendered
            StringProperty text = new SimpleStringProperty();
            DoubleProperty progress = new SimpleDoubleProperty();
            onFx(() -> {
                text.bind(vm.currentTaskText());
                progress.bind(vm.currentTaskProgress());
                text.addListener((o, a, b) -> { });
                progress.addListener((o, a, b) -> { });
            });
            onFx(() -> runner.submit("Count", (p, c) -> {
                for (int i = 1; i <= 10; i++) {
                    p.update(i, 10, "Counting");
                    if (i == 5) {
                        halfway.countDown();
                        go.await(10, TimeUnit.SECONDS);
                    }
                }
                return "ten";
            }));
            assertTrue(halfway.await(5, TimeUnit.SECONDS));
            await(5, () -> progress.get() == 0.5);
            await(5, () -> text.get().startsWith("Count: Counting · 5 / 10"));
        } finally {
            go.countDown();
            onFx(vm::close);
        }
    }

    @Test
    void concurrentReportsNeverRunBackwardsAndEndOnTheHighestCount() throws Exception {
        int threads = 8;
        int each = 3000;
        int total = threads * each;
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean backwards = new AtomicBoolean();
        JobTask<Void> t = onFx(() -> {
            JobTask<Void> task = runner.submit("Parallel", (p, c) -> {
                AtomicInteger done = new AtomicInteger();
                // as the scanner reports from a parallel stream: many threads, counts arriving out of order
                Thread[] pool = new Thread[threads];
                for (int k = 0; k < threads; k++) {
                    pool[k] = new Thread(() -> {
                        for (int i = 0; i < each; i++) {
                            p.update(done.incrementAndGet(), total, "Reading");
                        }
                    });
                    pool[k].start();
                }
                for (Thread th : pool) {
                    th.join();
                }
                reported.countDown();
                go.await(10, TimeUnit.SECONDS);
                return null;
            });
            task.progressProperty().addListener((o, a, b) -> {
                if (b.doubleValue() < a.doubleValue() && b.doubleValue() >= 0) {
                    backwards.set(true);
                }
            });
            return task;
        });
        try {
            assertTrue(reported.await(20, TimeUnit.SECONDS));
            await(5, () -> t.getProgress() == 1.0);
            String msg = onFx(t::getMessage);
            assertTrue(msg.startsWith(String.format("Reading · %,d / %,d", total, total)), msg);
            assertFalse(backwards.get(), "progress ran backwards");
        } finally {
            go.countDown();
        }
        await(5, () -> t.getState() == Worker.State.SUCCEEDED);
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
