package org.clanet.workbench.workspace;

/** Lifecycle of a recorded stage run. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** Was still RUNNING when the workspace was next opened: the app stopped or crashed mid-run. */
    INTERRUPTED;

    public boolean isFinished() {
        return this != RUNNING;
    }
}
