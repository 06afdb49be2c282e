package org.clanet.workbench.pipeline.stage;

import java.util.Optional;

/** What happened to one item in a run. */
public record ItemOutcome(String itemKey, Status status, int count, Optional<String> note, double millis) {

    /** Computed now, still fresh from an earlier run, or failed (with the reason in the note). */
    public enum Status { PROCESSED, FRESH, FAILED }
}
