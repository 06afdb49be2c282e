package org.clanet.workbench.workspace;

import java.nio.file.Path;

/** The workspace was written by a newer version of the app; opening it could corrupt it. */
public final class WorkspaceVersionException extends WorkspaceException {

    private final Path databaseFile;
    private final int fileVersion;
    private final int supportedVersion;

    public WorkspaceVersionException(Path databaseFile, int fileVersion, int supportedVersion) {
        super("Workspace database " + databaseFile + " has schema version " + fileVersion
                + ", but this version of CLANet Workbench supports schema versions up to " + supportedVersion
                + ". Open it with a newer CLANet Workbench, or choose another workspace location.");
        this.databaseFile = databaseFile;
        this.fileVersion = fileVersion;
        this.supportedVersion = supportedVersion;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    public int fileVersion() {
        return fileVersion;
    }

    public int supportedVersion() {
        return supportedVersion;
    }
}
