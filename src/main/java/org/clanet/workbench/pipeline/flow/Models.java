package org.clanet.workbench.pipeline.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;
import org.clanet.workbench.embedding.TextureEncoder;
import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.mil.MilModelFile;
import org.clanet.workbench.mil.MilWeights;
import org.clanet.workbench.mil.store.ModelRecord;
import org.clanet.workbench.mil.store.ModelRegistry;
import org.clanet.workbench.workspace.Workspace;

/**
 * Which model and encoder to use, and importing published ones: one rule for the CLI ({@code --model},
 * {@code --encoder}) and the workbench (Predict, Import model…, Import encoder…, Export model…).
 */
public final class Models {

    private Models() {
    }

    /** A model of the workspace by id (prefix), a published {@code .npz} to import, or (blank) the newest usable. */
    public static ModelRecord resolveModel(Workspace ws, String choice, Path classes) throws IOException {
        ModelRegistry registry = new ModelRegistry(ws);
        if (choice == null || choice.isBlank()) {
            return registry.newestUsable().orElseThrow(() -> new IOException("the workspace " + ws.location()
                    + " has no trained model yet: run `clanet train DIR`, or pass --model FILE.npz --classes"
                    + " CLASSES.txt to use a published one"));
        }
        Path file = Path.of(choice);
        if (Files.isRegularFile(file)) {
            return importModel(ws, file, classes);
        }
        return registry.find(choice).orElseThrow(() -> new IOException("no model '" + choice + "': neither a file"
                + " nor the id of one of the workspace's models (clanet models lists them)"));
    }

    /**
     * Imports a published MIL model ({@code .npz} with the published names, class names from {@code classes}, one
     * per line, or from the file itself). Its id is its content's, so importing it again returns the same model.
     */
    public static ModelRecord importModel(Workspace ws, Path file, Path classes) throws IOException {
        ModelRegistry registry = new ModelRegistry(ws);
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

    /** The encoder a model needs: the one it was trained with, else (imported models) the chosen or newest one. */
    public static EncoderRecord encoderFor(Workspace ws, ModelRecord model, String encoderChoice) throws IOException {
        if (model.encoderId() != null && (encoderChoice == null || encoderChoice.isBlank())) {
            return new EncoderRegistry(ws).find(model.encoderId()).orElseThrow(() -> new IOException("model "
                    + model.id() + " was trained with encoder " + model.encoderId() + ", which this workspace does"
                    + " not have"));
        }
        return resolveEncoder(ws, encoderChoice, OptionalInt.empty());
    }

    /**
     * An encoder of the workspace by id (prefix), a file to import, {@value TextureEncoder#CHOICE} (the built-in texture
     * statistics, registered on first use), or (blank) the newest pretrained one, else the newest import, else the
     * texture statistics: a workspace with no encoder still identifies lines, with what works best on a CPU.
     */
    public static EncoderRecord resolveEncoder(Workspace ws, String choice, OptionalInt heads) throws IOException {
        EncoderRegistry registry = new EncoderRegistry(ws);
        if (choice == null || choice.isBlank()) {
            java.util.Optional<EncoderRecord> newest = registry.newest();
            return newest.isPresent() ? newest.get() : textureEncoder(ws);
        }
        if (choice.strip().equalsIgnoreCase(TextureEncoder.CHOICE) && !Files.exists(Path.of(choice))) {
            return textureEncoder(ws);
        }
        Path file = Path.of(choice);
        if (Files.isRegularFile(file)) {
            return importEncoder(ws, file, heads);
        }
        return registry.find(choice).orElseThrow(() -> new IOException("no encoder '" + choice + "': neither a file"
                + " nor the id of one of the workspace's encoders (clanet encoders lists them)"));
    }

    /** The built-in texture-statistics encoder of the workspace, registered the first time (same id everywhere). */
    public static EncoderRecord textureEncoder(Workspace ws) throws IOException {
        Path file = Files.createTempFile("clanet-", TextureEncoder.EXTENSION);
        try {
            TextureEncoder.write(file);
            return new EncoderRegistry(ws).register(file, TextureEncoder.NAME, "built-in",
                    Map.of("statistics", org.clanet.workbench.embedding.TextureStatistics.DIM));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Imports an encoder ({@code .npz} or TorchScript), after loading it once so a broken file is refused. */
    public static EncoderRecord importEncoder(Workspace ws, Path file, OptionalInt heads) throws IOException {
        // Load it once from where the user has it, so a broken file is refused (naming it) before it is copied.
        try (PatchEncoder probe = PatchEncoders.open(file, heads, "cpu")) {
            probe.dim();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use " + file + " as an encoder: " + e.getMessage(), e);
        }
        return new EncoderRegistry(ws).register(file, file.getFileName().toString(), "imported",
                Map.of("source", file.toAbsolutePath().toString()));
    }

    /** Copies a model's weights ({@code best.npz}) and class names ({@code classes.txt}) into a folder. */
    public static java.util.List<Path> exportModel(ModelRecord model, Path outDir) throws IOException {
        if (!model.usable()) {
            throw new IOException("model " + model.id() + " has no weights yet (status: " + model.status() + ")");
        }
        Files.createDirectories(outDir);
        Path npz = outDir.resolve(model.id() + ".npz");
        Path classes = outDir.resolve(model.id() + "_classes.txt");
        org.clanet.workbench.io.AtomicFiles.write(npz, Files.readAllBytes(model.best()));
        org.clanet.workbench.io.AtomicFiles.writeString(classes, String.join("\n", model.classes()) + "\n");
        return java.util.List.of(npz, classes);
    }
}
