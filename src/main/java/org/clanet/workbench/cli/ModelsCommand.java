package org.clanet.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.workspace.Workspace;
import picocli.CommandLine.Command;

/** {@code clanet models [DIR]}: the workspace's MIL models with their provenance and figures. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the MIL models of a dataset's workspace.",
            "Trained here (encoder, split, status, best epoch) or imported; --json gives each model's whole "
                + "record (split, parameters, calibration, QC ranges)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
public final class ModelsCommand extends WorkspaceListing<ModelRecord> {

    @Override
    List<ModelRecord> list(Workspace ws) throws IOException {
        return new ModelRegistry(ws).list();
    }

    @Override
    Object json(ModelRecord m) {
        return m.document();
    }

    @Override
    String none(Workspace ws) {
        return "no models in " + ws.location() + " (clanet train DIR, or clanet predict --model FILE.npz --classes"
                + " CLASSES.txt)";
    }

    @Override
    void table(PrintWriter out, List<ModelRecord> all) {
        out.printf(Locale.ROOT, "%-12s  %-8s  %-10s  %-16s  %-20s  %s%n", "ID", "KIND", "STATUS", "ENCODER",
                "CREATED", "CLASSES / SPLIT");
        for (ModelRecord m : all) {
            Object split = m.document().get("split") instanceof Map<?, ?> s ? s.get("kind") : "-";
            out.printf(Locale.ROOT, "%-12s  %-8s  %-10s  %-16s  %-20s  %d lines, %s, best epoch %s%n", m.id(),
                    m.kind(), m.status(), m.encoderId() == null ? "-" : m.encoderId(),
                    m.created().toString().substring(0, 19).replace('T', ' '), m.classes().size(), split,
                    m.document().getOrDefault("bestEpoch", "-"));
        }
    }
}
