package org.clanet.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.mil.MilModelFile;
import org.clanet.workbench.mil.MilWeights;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.workspace.Workspace;

/** {@code --model RUN|FILE.npz [--classes CLASSES.txt]}: a model of the workspace, or a published one to import. */
final class ModelChoice {

    private ModelChoice() {
    }

    static ModelRecord resolve(Workspace ws, String choice, Path classes) throws IOException {
        ModelRegistry registry = new ModelRegistry(ws);
        if (choice == null || choice.isBlank()) {
            return registry.newestUsable().orElseThrow(() -> new IOException("the workspace " + ws.location()
                    + " has no trained model yet: run `clanet train DIR`, or pass --model FILE.npz --classes"
                    + " CLASSES.txt to use a published one"));
        }
        Path file = Path.of(choice);
        if (Files.isRegularFile(file)) {
            MilWeights w = MilModelFile.read(file, classes);
            String id = "i" + EncoderRegistry.contentId(file).substring(0, 11);
            var existing = registry.find(id);
            if (existing.isPresent()) {
                return existing.get();
            }
            Path dir = registry.folder(id);
            Files.createDirectories(dir);
            MilModelFile.write(w, dir.resolve("best.npz"));
            MilModelFile.write(w, dir.resolve("last.npz"));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", file.getFileName().toString());
            doc.put("kind", "imported");
            doc.put("status", "imported");
            doc.put("created", Instant.now().toString());
            doc.put("source", file.toAbsolutePath().toString());
            doc.put("classes", w.classes());
            doc.put("inputDim", w.inputDim());
            return registry.save(id, doc);
        }
        return registry.find(choice).orElseThrow(() -> new IOException("no model '" + choice + "': neither a file"
                + " nor the id of one of the workspace's models (clanet models lists them)"));
    }

    /** The encoder a model needs: the one it was trained with, else (imported models) the chosen or newest one. */
    static EncoderRecord encoderFor(Workspace ws, ModelRecord model, String encoderChoice) throws IOException {
        if (model.encoderId() != null && (encoderChoice == null || encoderChoice.isBlank())) {
            return new EncoderRegistry(ws).find(model.encoderId()).orElseThrow(() -> new IOException("model "
                    + model.id() + " was trained with encoder " + model.encoderId() + ", which this workspace does"
                    + " not have"));
        }
        return EncoderChoice.resolve(ws, encoderChoice, OptionalInt.empty());
    }
}
