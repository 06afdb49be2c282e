package org.clanet.workbench.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --workspace W}, shared by the commands that read or write a dataset's workspace. */
final class WorkspaceOption {

    @Option(names = "--workspace", paramLabel = "W",
            description = "Workspace folder (default: DIR/.clanet, or a per-user folder when DIR is read-only).")
    Path path;
}
