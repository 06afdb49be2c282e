package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that lists things of a dataset's workspace (encoders, models): as a table, or as JSON. */
abstract class WorkspaceListing<T> implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Dataset folder (default: the current folder).")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** The things, newest first. */
    abstract List<T> list(Workspace ws) throws IOException;

    /** What {@code --json} prints for one thing. */
    abstract Object json(T item);

    /** The line printed when there is nothing, e.g. how to make one. */
    abstract String none(Workspace ws);

    /** The table: a heading and a line per thing. */
    abstract void table(PrintWriter out, List<T> items);

    @Override
    public final Integer call() throws Exception {
        Path root = dir == null ? Path.of(".") : dir;
        if (!Files.isDirectory(root)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + root);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(root, workspaceOption.path)) {
            List<T> all = list(ws);
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(all.stream().map(this::json).toList()));
            } else if (all.isEmpty()) {
                out.println(none(ws));
            } else {
                table(out, all);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
