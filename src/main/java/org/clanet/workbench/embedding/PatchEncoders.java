package org.clanet.workbench.embedding;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/** Opens an encoder file by its extension: {@code .npz} (published ViT names) or TorchScript ({@code .pt}). */
public final class PatchEncoders {

    public static final int DEFAULT_BATCH = 64;

    private PatchEncoders() {
    }

    /**
     * @param heads  attention heads for a .npz whose dim is not 64 x heads (ignored for TorchScript)
     * @param device "auto", "cpu" or "gpu"
     */
    public static PatchEncoder open(Path file, OptionalInt heads, String device) throws IOException {
        Device d = DeviceChoice.resolve(device);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return VitPatchEncoder.open(file, heads, d, DEFAULT_BATCH);
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts") || name.endsWith(".torchscript")) {
            return TorchScriptPatchEncoder.open(file, d, DEFAULT_BATCH);
        }
        throw new IOException(file + ": unknown encoder format (expected .npz with the published ViT names, or a"
                + " TorchScript .pt)");
    }
}
