package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet models [DIR]}: the workspace's MIL models with their provenance and figures. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the MIL models of a dataset's workspace.",
            "Trained here (encoder, split, status, best epoch) or imported; --json gives each model's whole record (split, parameters, calibration, QC ranges)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
public final class ModelsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Dataset folder (default: the current folder).")
    Path dir;

    @Mixin
    WorkspaceOption workspaceOption;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path root = dir == null ? Path.of(".") : dir;
        if (!Files.isDirectory(root)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + root);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(root, workspaceOption.path)) {
            List<ModelRecord> all = new ModelRegistry(ws).list();
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(all.stream().map(ModelRecord::document).toList()));
            } else if (all.isEmpty()) {
                out.println("no models in " + ws.location() + " (clanet train DIR, or clanet predict --model FILE.npz"
                        + " --classes CLASSES.txt)");
            } else {
                out.printf(Locale.ROOT, "%-12s  %-8s  %-10s  %-16s  %-20s  %s%n", "ID", "KIND", "STATUS", "ENCODER",
                        "CREATED", "CLASSES / SPLIT");
                for (ModelRecord m : all) {
                    Object split = m.document().get("split") instanceof java.util.Map<?, ?> s ? s.get("kind") : "-";
                    out.printf(Locale.ROOT, "%-12s  %-8s  %-10s  %-16s  %-20s  %d lines, %s, best epoch %s%n",
                            m.id(), m.kind(), m.status(), m.encoderId() == null ? "-" : m.encoderId(),
                            m.created().toString().substring(0, 19).replace('T', ' '), m.classes().size(), split,
                            m.document().getOrDefault("bestEpoch", "-"));
                }
            }
        }
        out.flush();
        return 0;
    }
}
