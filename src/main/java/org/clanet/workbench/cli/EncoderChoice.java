package org.clanet.workbench.cli;

import java.io.IOException;
import java.util.OptionalInt;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.workspace.Workspace;

/** {@code --encoder RUN-ID|FILE}: the rule lives in {@link Models}, shared with the app. */
final class EncoderChoice {

    private EncoderChoice() {
    }

    static EncoderRecord resolve(Workspace ws, String choice, OptionalInt heads) throws IOException {
        return Models.resolveEncoder(ws, choice, heads);
    }
}
