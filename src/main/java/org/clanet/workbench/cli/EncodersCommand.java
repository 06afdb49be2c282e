package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;

/** {@code clanet encoders [DIR] [--workspace W]}: the workspace's pretrained and imported encoders. */
@Command(name = "encoders", mixinStandardHelpOptions = true,
        description = {"List the encoders of a dataset's workspace.",
            "Pretrained here (clanet pretrain) or imported (clanet embed --encoder FILE), with preset, epochs, "
                + "final loss and device."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
public final class EncodersCommand extends WorkspaceListing<EncoderRecord> {

    @Override
    List<EncoderRecord> list(Workspace ws) throws IOException {
        return new EncoderRegistry(ws).list();
    }

    @Override
    Object json(EncoderRecord e) {
        return Map.of("id", e.id(), "name", e.name(), "kind", e.kind(), "created", e.created().toString(),
                "details", e.details());
    }

    @Override
    String none(Workspace ws) {
        return "no encoders in " + ws.location() + " (clanet pretrain DIR, or clanet embed DIR --encoder FILE)";
    }

    @Override
    void table(PrintWriter out, List<EncoderRecord> all) {
        out.printf(Locale.ROOT, "%-16s  %-10s  %-20s  %s%n", "ID", "KIND", "CREATED", "NAME / DETAILS");
        for (EncoderRecord e : all) {
            out.printf(Locale.ROOT, "%-16s  %-10s  %-20s  %s %s%n", e.id(), e.kind(),
                    e.created().toString().substring(0, 19).replace('T', ' '), e.name(), e.details());
        }
    }
}
