package org.clanet.workbench.workspace;

/**
 * A workspace could not be opened, read or written. Unchecked because callers (stages, view models)
 * can only report it, and messages always name the file involved so the user can act on it.
 */
public class WorkspaceException extends RuntimeException {

    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
