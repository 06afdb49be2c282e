package org.clanet.workbench.workspace;

import java.time.Instant;

/** One recorded stage run. {@code finishedAt} and {@code message} are null while it runs. */
public record RunRecord(long id, String stage, String parametersJson, Instant startedAt, Instant finishedAt,
                        RunStatus status, String message) {
}
