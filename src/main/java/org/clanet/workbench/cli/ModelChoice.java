package org.clanet.workbench.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.pipeline.flow.Models;
import org.clanet.workbench.workspace.Workspace;

/** {@code --model RUN|FILE.npz [--classes CLASSES.txt]}: the rule lives in {@link Models}, shared with the app. */
final class ModelChoice {

    private ModelChoice() {
    }

    static ModelRecord resolve(Workspace ws, String choice, Path classes) throws IOException {
        return Models.resolveModel(ws, choice, classes);
    }

    /** The encoder a model needs: the one it was trained with, else (imported models) the chosen or newest one. */
    static EncoderRecord encoderFor(Workspace ws, ModelRecord model, String encoderChoice) throws IOException {
        return Models.encoderFor(ws, model, encoderChoice);
    }
}
