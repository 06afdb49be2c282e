package org.clanet.workbench.pipeline.stage;

import java.util.Map;
import java.util.Optional;

import org.clanet.workbench.pipeline.Cancellation;
import org.clanet.workbench.workspace.Workspace;

/**
 * The one shape of a per-item stage (selection per frame, embedding per frame, prediction per sequence): what it
 * is called, which parameters change its results, how an item's result is keyed, how it is computed and stored.
 * Everything else (the run record, skipping fresh items, bounded parallelism, failures that never stop a batch,
 * grouped commits, progress, cancellation, resume, the summary) is {@link StageRunner}'s.
 *
 * <p>Keys chain: {@link #cacheKey} is built with {@link StageKeys} from the parameters and the keys of the item's
 * upstream results (an embedding's key holds its frame's selection key), so a changed upstream parameter makes
 * every downstream result stale. The workspace and every in-memory cache use this one key.
 *
 * @param <I> an item (a frame, a sequence)
 * @param <R> the item's result
 */
public interface ItemStage<I, R> {

    /** Stage name in the workspace, e.g. {@code "select"}. */
    String name();

    /** Bump when the code changes results for the same parameters. */
    int version();

    /** The parameters that change results (part of every key). */
    Map<String, Object> parameters();

    /** What the run record keeps: the result parameters plus settings such as threads. */
    default Map<String, Object> runParameters() {
        return parameters();
    }

    /** What an item is called in summaries ("frames", "sequences"). */
    default String itemNoun() {
        return "items";
    }

    /** The item's name in the workspace (a frame's dataset-relative path, a sequence id). */
    String itemKey(I item);

    /**
     * The item's key under these parameters and its current upstream results.
     *
     * @throws java.io.UncheckedIOException when the item's input cannot be read (the item fails, the run goes on)
     */
    String cacheKey(I item);

    /** Computes one item; runs on a worker thread, must not touch the workspace. */
    R compute(I item, Cancellation cancel) throws Exception;

    /**
     * Stores one result. Called on the runner's thread inside a transaction that also marks the item done, so a
     * crash leaves either the whole result or nothing. Bulky data goes to files before (see {@link #prepareFiles}).
     */
    void store(Workspace workspace, I item, String cacheKey, R result);

    /** Writes an item's bulky files (durably) before its rows are committed; nothing by default. */
    default void prepareFiles(Workspace workspace, I item, String cacheKey, R result) throws java.io.IOException {
    }

    /** A remark on a result for the summary (e.g. "only 4 patches"), or empty. */
    default Optional<String> note(R result) {
        return Optional.empty();
    }

    /** How many things the result holds (patches, vectors), for the summary. */
    default int count(R result) {
        return 1;
    }
}
