package org.clanet.workbench.pipeline.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.pipeline.ProgressListener;
import org.clanet.workbench.pipeline.Workers;
import org.clanet.workbench.workspace.RunStatus;
import org.clanet.workbench.workspace.Workspace;

/**
 * Runs any {@link ItemStage} over items: what every stage needs, written once.
 * <ul>
 *   <li>a run record in the workspace (process, parameters, status, summary line);</li>
 *   <li>items outside the requested {@link org.clanet.workbench.pipeline.Shard} are left alone;</li>
 *   <li>items whose stored key equals the key computed now are skipped (fresh), so a re-run after a cancel or a
 *       crash resumes where it stopped, and a changed parameter re-runs exactly what it changes;</li>
 *   <li>N worker threads, at most 2N items in flight (bounded memory);</li>
 *   <li>a failing item is noted with its reason and never stops the run;</li>
 *   <li>results are committed in groups (files first, then one transaction that stores the rows and marks the
 *       items done), so a crash loses at most the group in flight and nothing half-written is ever fresh;</li>
 *   <li>progress per item, cooperative cancellation between items (what was committed stays).</li>
 * </ul>
 */
public final class StageRunner {

    private StageRunner() {
    }

    /**
     * @param workspace where results are stored and freshness is checked; null computes without storing
     * @param sink      sees every processed and fresh item (exports); may be null
     * @throws CancellationException when cancelled (committed results stay; a re-run resumes)
     */
    public static <I, R> RunSummary run(ItemStage<I, R> stage, List<I> items, Workspace workspace,
                                        RunOptions options, ResultSink<I, R> sink, ProgressListener progress,
                                        Cancellation cancel) throws IOException {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        Run<I, R> run = new Run<>(stage, items, workspace, options, sink == null ? ResultSink.none() : sink,
                progress == null ? ProgressListener.NONE : progress, cancel == null ? Cancellation.none() : cancel);
        if (workspace == null) {
            return run.execute();
        }
        long id = workspace.runLog().startRun(stage.name(), runRecordJson(stage, options));
        try {
            RunSummary s = run.execute();
            workspace.runLog().finishRun(id, RunStatus.SUCCEEDED, s.line(stage.itemNoun()));
            return s;
        } catch (CancellationException e) {
            workspace.runLog().finishRun(id, RunStatus.CANCELLED, "cancelled");
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            workspace.runLog().finishRun(id, RunStatus.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
    }

    /** The run record's parameters as {@link #run} writes them. */
    public static String runRecordJsonForTests(ItemStage<?, ?> stage, RunOptions options) {
        return runRecordJson(stage, options);
    }

    static String runRecordJson(ItemStage<?, ?> stage, RunOptions options) {
        Map<String, Object> doc = new LinkedHashMap<>(stage.runParameters());
        doc.put("threads", options.threads());
        if (!options.shard().isAll()) {
            doc.put("shard", options.shard().toString());
        }
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why an item's input could not even be keyed, naming it. */
    static String unreadable(String itemKey, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof NoSuchFileException ? "the file no longer exists"
                : cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return "cannot read " + itemKey + ": " + why;
    }

    /** The state of one run. */
    private static final class Run<I, R> {
        private final ItemStage<I, R> stage;
        private final List<I> items;
        private final Workspace ws;
        private final RunOptions options;
        private final ResultSink<I, R> sink;
        private final ProgressListener progress;
        private final Cancellation cancel;
        private final List<ItemOutcome> outcomes = new ArrayList<>();
        private final List<Done<I, R>> group = new ArrayList<>();
        private long groupStarted;
        private long done;
        private long total;

        Run(ItemStage<I, R> stage, List<I> items, Workspace ws, RunOptions options, ResultSink<I, R> sink,
            ProgressListener progress, Cancellation cancel) {
            this.stage = stage;
            this.items = items;
            this.ws = ws;
            this.options = options;
            this.sink = sink;
            this.progress = progress;
            this.cancel = cancel;
        }

        /** A computed item waiting for its group's commit. */
        private record Done<I, R>(I item, String key, R result, double millis) {
        }

        /** What a worker hands back. */
        private record Work<I, R>(I item, String key, R result, String error, double millis) {
        }

        RunSummary execute() throws IOException {
            List<I> mine = new ArrayList<>();
            for (I it : items) {
                if (options.shard().contains(stage.itemKey(it))) {
                    mine.add(it);
                }
            }
            int outside = items.size() - mine.size();
            total = mine.size();
            progress.update(0, total, stage.name());
            ExecutorService pool = Workers.daemonPool(options.threads(), "clanet-" + stage.name());
            ExecutorService reader = stage instanceof PrefetchingStage<?, ?, ?>
                    ? Workers.daemonPool(1, "clanet-" + stage.name() + "-read") : null;
            ExecutorCompletionService<Work<I, R>> ecs = new ExecutorCompletionService<>(pool);
            int inFlight = 0;
            int next = 0;
            try {
                while (next < mine.size() || inFlight > 0) {
                    if (cancel.isCancelled()) {
                        flush();
                        cancel.throwIfCancelled();
                        throw new CancellationException("cancelled");
                    }
                    while (next < mine.size() && inFlight < 2 * options.threads()) {
                        I it = mine.get(next++);
                        String key = null;
                        if (ws != null) {
                            try {
                                key = stage.cacheKey(it);
                            } catch (UncheckedIOException | IllegalArgumentException e) {
                                fail(it, unreadable(stage.itemKey(it), e));
                                continue;
                            }
                            if (ws.isFresh(stage.name(), stage.itemKey(it), key)) {
                                sink.fresh(it);
                                outcomes.add(new ItemOutcome(stage.itemKey(it), ItemOutcome.Status.FRESH, -1,
                                        Optional.empty(), 0));
                                progress.update(++done, total, stage.itemKey(it) + " (up to date)");
                                continue;
                            }
                        }
                        String k = key;
                        if (reader != null) {
                            Future<Object> input = reader.submit(() -> readAhead(it));
                            ecs.submit(() -> work(it, k, input));
                        } else {
                            ecs.submit(() -> work(it, k, null));
                        }
                        inFlight++;
                    }
                    if (inFlight == 0) {
                        continue;
                    }
                    Future<Work<I, R>> f = ecs.poll(100, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        flushIfDue();
                        continue;
                    }
                    inFlight--;
                    handle(f.get());
                    flushIfDue();
                }
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                throw new IOException(stage.name() + " failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
                if (reader != null) {
                    reader.shutdownNow();
                }
            }
            int processed = count(ItemOutcome.Status.PROCESSED);
            int fresh = count(ItemOutcome.Status.FRESH);
            int failed = count(ItemOutcome.Status.FAILED);
            outcomes.sort((a, b) -> a.itemKey().compareTo(b.itemKey()));
            return new RunSummary(stage.name(), mine.size(), processed, fresh, failed, outside, outcomes);
        }

        private int count(ItemOutcome.Status s) {
            return (int) outcomes.stream().filter(o -> o.status() == s).count();
        }

        /** The reader thread's part: the item's input, or the exception that reading it threw. */
        @SuppressWarnings("unchecked")
        private Object readAhead(I it) {
            if (cancel.isCancelled()) {
                return null;
            }
            try {
                return ((PrefetchingStage<I, Object, R>) stage).read(it);
            } catch (Exception | OutOfMemoryError e) {
                return new ReadFailure(e);
            }
        }

        /** Reading failed; carried to the worker, which reports it like a computing failure. */
        private record ReadFailure(Throwable error) {
        }

        @SuppressWarnings("unchecked")
        private Work<I, R> work(I it, String key, Future<Object> input) {
            if (cancel.isCancelled()) {
                return new Work<>(it, key, null, null, 0);
            }
            long t0 = System.nanoTime();
            try {
                R r;
                if (input == null) {
                    r = stage.compute(it, cancel);
                } else {
                    Object x = input.get();
                    if (x instanceof ReadFailure f) {
                        throw f.error() instanceof Exception e ? e : new IllegalStateException(f.error());
                    }
                    if (x == null) {
                        return new Work<>(it, key, null, null, 0); // cancelled before it was read
                    }
                    r = ((PrefetchingStage<I, Object, R>) stage).compute(it, x, cancel);
                }
                return new Work<>(it, key, r, null, (System.nanoTime() - t0) / 1e6);
            } catch (CancellationException | InterruptedException e) {
                return new Work<>(it, key, null, null, 0);
            } catch (ExecutionException e) {
                return new Work<>(it, key, null, stage.name() + " failed: " + e.getCause(), 0);
            } catch (IOException e) {
                return new Work<>(it, key, null, e.getMessage() != null ? e.getMessage() : e.toString(), 0);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                return new Work<>(it, key, null, stage.name() + " failed: " + e, 0);
            }
        }

        private void handle(Work<I, R> w) throws IOException {
            if (w.result() == null) {
                if (w.error() != null) {
                    fail(w.item(), w.error());
                }
                return; // cancelled before or while computing: not done, a re-run does it
            }
            progress.update(++done, total, stage.itemKey(w.item()));
            if (ws == null) {
                finish(new Done<>(w.item(), w.key(), w.result(), w.millis()));
                return;
            }
            if (group.isEmpty()) {
                groupStarted = System.nanoTime();
            }
            group.add(new Done<>(w.item(), w.key(), w.result(), w.millis()));
        }

        private void fail(I it, String reason) {
            fail(it, reason, true);
        }

        private void fail(I it, String reason, boolean count) {
            String key = stage.itemKey(it);
            outcomes.add(new ItemOutcome(key, ItemOutcome.Status.FAILED, 0, Optional.of(reason), 0));
            if (count) {
                progress.update(++done, total, key + " (failed)");
            }
        }

        private void flushIfDue() throws IOException {
            if (!group.isEmpty() && (group.size() >= options.groupSize()
                    || (System.nanoTime() - groupStarted) / 1_000_000 >= options.groupMillis())) {
                flush();
            }
        }

        /** Files first (each durably), then one transaction for the whole group's rows and done marks. */
        private void flush() throws IOException {
            if (group.isEmpty() || ws == null) {
                return;
            }
            List<Done<I, R>> ready = new ArrayList<>();
            for (Done<I, R> d : group) {
                try {
                    stage.prepareFiles(ws, d.item(), d.key(), d.result());
                    ready.add(d);
                } catch (IOException | RuntimeException e) {
                    fail(d.item(), "cannot store the result: " + e.getMessage(), false);
                }
            }
            group.clear();
            ws.runInTransaction(c -> {
                for (Done<I, R> d : ready) {
                    stage.store(ws, d.item(), d.key(), d.result());
                    ws.stageCache().markDone(c, stage.name(), stage.itemKey(d.item()), d.key());
                }
            });
            for (Done<I, R> d : ready) {
                finish(d);
            }
        }

        private void finish(Done<I, R> d) throws IOException {
            sink.processed(d.item(), d.result());
            String key = stage.itemKey(d.item());
            outcomes.add(new ItemOutcome(key, ItemOutcome.Status.PROCESSED, stage.count(d.result()),
                    stage.note(d.result()), d.millis()));
        }
    }
}
