package org.clanet.workbench.pipeline.stage;

import java.util.Objects;

import org.clanet.workbench.pipeline.Shard;

/**
 * How a run goes: worker threads, which shard of the items, and how results are grouped into commits (one
 * transaction per group, at most {@code groupSize} items or {@code groupMillis} old: a crash loses at most the
 * items of the group in flight, and a frame's own transaction and fsync no longer dominate a fast stage).
 */
public record RunOptions(int threads, Shard shard, int groupSize, long groupMillis) {

    public RunOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(shard, "shard");
        if (groupSize < 1 || groupMillis < 0) {
            throw new IllegalArgumentException("groupSize must be >= 1 and groupMillis >= 0");
        }
    }

    public static RunOptions threads(int threads) {
        return new RunOptions(threads, Shard.ALL, 32, 1000);
    }

    public RunOptions withShard(Shard s) {
        return new RunOptions(threads, s, groupSize, groupMillis);
    }

    public RunOptions withGroup(int size, long millis) {
        return new RunOptions(threads, shard, size, millis);
    }
}
