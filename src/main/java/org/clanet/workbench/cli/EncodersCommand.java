package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.pipeline.Json;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clanet encoders [DIR] [--workspace W]}: the workspace's pretrained and imported encoders. */
@Command(name = "encoders", mixinStandardHelpOptions = true,
        description = {"List the encoders of a dataset's workspace.",
            "Pretrained here (clanet pretrain) or imported (clanet embed --encoder FILE), with preset, epochs, final loss and device."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
public final class EncodersCommand implements Callable<Integer> {

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
            List<EncoderRecord> all = new EncoderRegistry(ws).list();
            if (json) {
                out.println(Json.PRETTY.writeValueAsString(all.stream().map(e -> java.util.Map.of("id", e.id(),
                        "name", e.name(), "kind", e.kind(), "created", e.created().toString(),
                        "details", e.details())).toList()));
            } else if (all.isEmpty()) {
                out.println("no encoders in " + ws.location() + " (clanet pretrain DIR, or clanet embed DIR"
                        + " --encoder FILE)");
            } else {
                out.printf(Locale.ROOT, "%-16s  %-10s  %-20s  %s%n", "ID", "KIND", "CREATED", "NAME / DETAILS");
                for (EncoderRecord e : all) {
                    out.printf(Locale.ROOT, "%-16s  %-10s  %-20s  %s %s%n", e.id(), e.kind(),
                            e.created().toString().substring(0, 19).replace('T', ' '), e.name(), e.details());
                }
            }
        }
        out.flush();
        return 0;
    }
}
