package org.clanet.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import org.clanet.workbench.embedding.PatchEncoder;
import org.clanet.workbench.embedding.PatchEncoders;

import org.clanet.workbench.embedding.store.EncoderRecord;
import org.clanet.workbench.embedding.store.EncoderRegistry;
import org.clanet.workbench.workspace.Workspace;

/** {@code --encoder RUN-ID|FILE}: an encoder of the workspace by id (prefix), or a file to import; default newest. */
final class EncoderChoice {

    private EncoderChoice() {
    }

    static EncoderRecord resolve(Workspace ws, String choice, OptionalInt heads) throws IOException {
        EncoderRegistry registry = new EncoderRegistry(ws);
        if (choice == null || choice.isBlank()) {
            return registry.newest().orElseThrow(() -> new IOException("the workspace " + ws.location()
                    + " has no encoder yet: run `clanet pretrain DIR`, or pass --encoder FILE.npz|FILE.pt to import"
                    + " one"));
        }
        Path file = Path.of(choice);
        if (Files.isRegularFile(file)) {
            // Load it once from where the user has it, so a broken file is refused (naming it) before it is copied.
            try (PatchEncoder probe = PatchEncoders.open(file, heads, "cpu")) {
                probe.dim();
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot use " + file + " as an encoder: " + e.getMessage(), e);
            }
            return registry.register(file, file.getFileName().toString(), "imported",
                    Map.of("source", file.toAbsolutePath().toString()));
        }
        return registry.find(choice).orElseThrow(() -> new IOException("no encoder '" + choice + "': neither a file"
                + " nor the id of one of the workspace's encoders (clanet encoders lists them)"));
    }
}
