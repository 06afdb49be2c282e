package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clanet.workbench.workspace.Workspace;
import org.clanet.workbench.workspace.WorkspaceException;
import org.clanet.workbench.workspace.WorkspaceMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet workspace merge W1 W2 … --into W}: combine the workspaces of shards run on several machines. */
@Command(name = "workspace", mixinStandardHelpOptions = true,
        description = "Workspace maintenance.", subcommands = WorkspaceCommand.Merge.class)
public final class WorkspaceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: merge");
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = {"Combine workspaces (e.g. of `select --shard i/n` runs on several machines) into one:",
                "frames, results, run records and files. Refuses, merging nothing, when two workspaces hold",
                "different results for the same item (made with other parameters or inputs).",
                "Exit codes: 0 merged, 1 refused or failed, 2 usage error."})
    static final class Merge implements Callable<Integer> {

        @Parameters(paramLabel = "W", arity = "1..*", description = "Workspace folders to merge (each has workspace.db).")
        List<Path> sources;

        @Option(names = "--into", paramLabel = "W", required = true,
                description = "Target workspace folder (created when missing).")
        Path into;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (Path s : sources) {
                if (!Files.isRegularFile(s.resolve(Workspace.DATABASE_FILE))) {
                    throw new ParameterException(spec.commandLine(), "not a workspace (no "
                            + Workspace.DATABASE_FILE + "): " + s);
                }
            }
            Files.createDirectories(into);
            try (Workspace target = Workspace.open(into, into)) {
                WorkspaceMerge.Report r = WorkspaceMerge.merge(sources, target);
                out.printf("merged %d workspaces into %s: %d results, %d run records, %d files%n", r.sources(),
                        target.location(), r.items(), r.runs(), r.files());
                out.flush();
                return 0;
            } catch (WorkspaceException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
