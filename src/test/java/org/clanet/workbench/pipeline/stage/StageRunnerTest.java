package org.clanet.workbench.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.ProgressEvent;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.Shard;
import org.clanet.workbench.pipeline.TrainingGuard;
import org.clanet.workbench.workspace.RunStatus;
import org.clanet.workbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner every stage shares, on a toy two-stage chain ("square" of an int, then "plus" on the square). */
class StageRunnerTest {

    @TempDir
    Path tmp;

    /** Upstream: squares; items named "i". Fails on 13. */
    static class Square implements ItemStage<Integer, Integer> {
        final int offset;
        final AtomicInteger computed = new AtomicInteger();

        Square(int offset) {
            this.offset = offset;
        }

        @Override public String name() { return "square"; }
        @Override public int version() { return 1; }
        @Override public Map<String, Object> parameters() { return Map.of("offset", offset); }
        @Override public String itemKey(Integer i) { return "f" + i; }
        @Override public String cacheKey(Integer i) { return StageKeys.of(this, List.of()) + "/" + i; }

        @Override
        public Integer compute(Integer i, Cancellation c) {
            computed.incrementAndGet();
            if (i == 13) {
                throw new IllegalStateException("unlucky");
            }
            return i * i + offset;
        }

        @Override
        public void store(Workspace ws, Integer i, String key, Integer r) {
            ws.results().put(name(), itemKey(i), String.valueOf(r));
        }
    }

    /** Downstream: its key chains the item's current upstream key. */
    static final class Plus implements ItemStage<Integer, Integer> {
        final Square up;

        Plus(Square up) {
            this.up = up;
        }

        @Override public String name() { return "plus"; }
        @Override public int version() { return 1; }
        @Override public Map<String, Object> parameters() { return Map.of("add", 1); }
        @Override public String itemKey(Integer i) { return "f" + i; }
        @Override public String cacheKey(Integer i) { return StageKeys.chained(this, Map.of("square", up.cacheKey(i))); }
        @Override public Integer compute(Integer i, Cancellation c) { return i + 1; }

        @Override
        public void store(Workspace ws, Integer i, String key, Integer r) {
            ws.results().put(name(), itemKey(i), String.valueOf(r));
        }
    }

    private Workspace open() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("data"));
        return Workspace.open(tmp.resolve("data"), tmp.resolve("ws"));
    }

    @Test
    void failuresAreNotedFreshItemsSkippedAndKeysChain() throws Exception {
        List<Integer> items = IntStream.rangeClosed(1, 20).boxed().toList();
        try (Workspace ws = open()) {
            Square sq = new Square(0);
            RunSummary s = StageRunner.run(sq, items, ws, RunOptions.threads(2).withGroup(4, 1000), null, null, null);
            assertEquals(19, s.processed());
            assertEquals(1, s.failed(), "one failing item never stops the run");
            assertTrue(s.items().stream().anyMatch(o -> o.note().orElse("").contains("unlucky")));
            assertEquals("16", ws.results().get("square", "f4").orElseThrow());
            assertEquals(RunStatus.SUCCEEDED, ws.runLog().runs().get(0).status());

            RunSummary again = StageRunner.run(sq, items, ws, RunOptions.threads(2), null, null, null);
            assertEquals(19, again.fresh());
            assertEquals(1, again.failed(), "the failed item is tried again");

            Plus plus = new Plus(sq);
            assertEquals(20, StageRunner.run(plus, items, ws, RunOptions.threads(1), null, null, null).processed());
            assertEquals(20, StageRunner.run(plus, items, ws, RunOptions.threads(1), null, null, null).fresh());
            // A changed upstream parameter makes every downstream result stale.
            Plus onChanged = new Plus(new Square(5));
            assertNotEquals(plus.cacheKey(3), onChanged.cacheKey(3));
            assertEquals(20, StageRunner.run(onChanged, items, ws, RunOptions.threads(1), null, null, null)
                    .processed());
        }
    }

    @Test
    void cancelKeepsWhatWasCommittedAndAResumeDoesTheRest() throws Exception {
        List<Integer> items = IntStream.rangeClosed(100, 160).boxed().toList();
        try (Workspace ws = open()) {
            Cancellation cancel = new Cancellation();
            Square sq = new Square(0) {
                @Override
                public Integer compute(Integer i, Cancellation c) {
                    if (i == 130) {
                        cancel.cancel();
                    }
                    return super.compute(i, c);
                }
            };
            assertThrows(CancellationException.class, () ->
                    StageRunner.run(sq, items, ws, RunOptions.threads(1).withGroup(5, 1000), null, null, cancel));
            int stored = ws.stageCache().doneCount("square");
            assertTrue(stored >= 25 && stored < 61, "what finished before the cancel is committed: " + stored);
            assertEquals(RunStatus.CANCELLED, ws.runLog().runs().get(0).status());
            Square fresh = new Square(0);
            RunSummary resumed = StageRunner.run(fresh, items, ws, RunOptions.threads(2), null, null, null);
            assertEquals(stored, resumed.fresh());
            assertEquals(61 - stored, fresh.computed.get(), "only the missing items are computed");
        }
    }

    @Test
    void shardsPartitionTheItems() throws Exception {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        int sum = 0;
        for (int k = 1; k <= 3; k++) {
            RunSummary s = StageRunner.run(new Plus(new Square(0)), items, null,
                    RunOptions.threads(1).withShard(new Shard(k, 3)), null, null, null);
            assertEquals(50, s.total() + s.outsideShard());
            sum += s.processed();
        }
        assertEquals(50, sum);
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/2"));
        assertEquals(new Shard(2, 5), Shard.parse(" 2/5 "));
    }

    @Test
    void progressCountsEveryItemOnceAndCarriesTypedEvents() throws Exception {
        List<long[]> seen = new ArrayList<>();
        List<ProgressEvent> events = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override
            public synchronized void update(long done, long total, String message) {
                seen.add(new long[] {done, total});
            }

            @Override
            public synchronized void event(ProgressEvent e) {
                events.add(e);
            }
        };
        StageRunner.run(new Square(0), IntStream.range(0, 30).boxed().toList(), null, RunOptions.threads(2), null, l,
                null);
        assertEquals(30, seen.get(seen.size() - 1)[0]);
        assertEquals(31, seen.size(), "a start report and one per item");
        l.event(new ProgressEvent.Scalars("epoch", 1, Map.of("loss", 0.5)));
        assertEquals(1, events.size());
    }

    @Test
    void oneTrainingPerProcess() {
        try (TrainingGuard g = TrainingGuard.acquire("DINO pretraining")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TrainingGuard.acquire("MIL training"));
            assertTrue(e.getMessage().contains("DINO pretraining is already running"), e.getMessage());
        }
        try (TrainingGuard g = TrainingGuard.acquire("MIL training")) {
            assertEquals("MIL training", TrainingGuard.running());
        }
        assertFalse(TrainingGuard.running() != null);
    }
}
