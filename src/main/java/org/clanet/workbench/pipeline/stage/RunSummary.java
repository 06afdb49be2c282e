package org.clanet.workbench.pipeline.stage;

import java.util.List;

/** The outcome of a stage run over items. {@link #complete()} is what exit codes are made of. */
public record RunSummary(String stage, int total, int processed, int fresh, int failed, int outsideShard,
                         List<ItemOutcome> items) {

    public RunSummary {
        items = List.copyOf(items);
    }

    public long withNotes() {
        return items.stream().filter(i -> i.note().isPresent()).count();
    }

    /** Every item asked for is done (processed now or fresh). */
    public boolean complete() {
        return failed == 0;
    }

    /** One line, e.g. "6 frames: 4 processed, 1 up to date, 1 failed". */
    public String line(String noun) {
        return total + " " + noun + ": " + processed + " processed, " + fresh + " up to date, " + failed + " failed"
                + (outsideShard > 0 ? " (" + outsideShard + " left to other shards)" : "");
    }
}
