package org.clanet.workbench.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dashboard's view model without a screen: points from several threads all arrive, in order, coalesced. */
class TrainingDashboardViewModelTest {

    @Test
    void pointsFromManyThreadsArriveInOrderInFewBatches() throws Exception {
        ExecutorService uiThread = Executors.newSingleThreadExecutor(); // stands in for the FX thread
        AtomicInteger batches = new AtomicInteger();
        TrainingDashboardViewModel vm = new TrainingDashboardViewModel(r -> uiThread.execute(() -> {
            batches.incrementAndGet();
            r.run();
        }));
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String series = "worker " + t + " loss";
            producers.add(new Thread(() -> {
                for (int i = 0; i < 25_000; i++) {
                    vm.addPoint(series, i, -i);
                }
            }));
        }
        producers.forEach(Thread::start);
        for (Thread p : producers) {
            p.join();
        }
        uiThread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        uiThread.shutdown();
        assertEquals(4, vm.seriesNames().size());
        for (String s : vm.seriesNames()) {
            assertEquals(25_000, vm.pointCount(s), s);
            for (int i = 0; i < 25_000; i++) {
                assertEquals(i, vm.series(s).x(i), s + " point " + i + " out of order");
            }
        }
        assertTrue(batches.get() < 100_000, "coalesced into " + batches.get() + " batches for 100,000 points");
        assertTrue(vm.versionProperty().get() <= batches.get());
    }

    @Test
    void startClearsTheCurvesAndResumeOnlyWhenResumable() {
        TrainingDashboardViewModel vm = new TrainingDashboardViewModel(Runnable::run);
        List<String> calls = new ArrayList<>();
        vm.setOnStart(p -> calls.add("start " + p.kind() + " " + p.seed()));
        vm.setOnResume(p -> calls.add("resume"));
        vm.addPoint("train loss", 0, 1);
        vm.seedProperty().set(7);
        vm.resume();
        assertEquals(List.of(), calls, "nothing to resume");
        vm.start();
        assertEquals(0, vm.pointCount("train loss"), "a new run starts with empty curves");
        vm.start();
        assertEquals(List.of("start MIL aggregator 7"), calls, "no second start while running");
        vm.ended("Failed: out of memory", false);
        vm.resume();
        assertEquals(1, calls.size());
        vm.ended("Cancelled", true);
        vm.resume();
        assertEquals(List.of("start MIL aggregator 7", "resume"), calls);
        assertTrue(vm.runningProperty().get());
    }
}
