package org.clanet.workbench.embedding;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Opens an encoder file by its extension: {@code .npz} (published ViT names), TorchScript ({@code .pt}) or the
 * built-in texture statistics ({@code .texture}, see {@link TextureEncoder}).
 */
public final class PatchEncoders {

    public static final int DEFAULT_BATCH = 64;

    private PatchEncoders() {
    }

    /**
     * @param heads  attention heads for a .npz whose dim is not 64 x heads (ignored for TorchScript)
     * @param device "auto", "cpu" or "gpu"
     */
    public static PatchEncoder open(Path file, OptionalInt heads, String device) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(TextureEncoder.EXTENSION)) {
            return TextureEncoder.open(file); // no engine: runs anywhere, the device does not matter
        }
        Device d = DeviceChoice.resolve(device);
        if (name.endsWith(".npz")) {
            return VitPatchEncoder.open(file, heads, d, DEFAULT_BATCH);
        }
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts") || name.endsWith(".torchscript")) {
            return TorchScriptPatchEncoder.open(file, d, DEFAULT_BATCH);
        }
        throw new IOException(file + ": unknown encoder format (expected .npz with the published ViT names, a"
                + " TorchScript .pt, or " + TextureEncoder.FILE_NAME + ")");
    }

    /**
     * Content identity of an encoder file, "sha256:" + 16 hex digits: what a stage key should chain to, so
     * features are recomputed when the weights change and reused when only the file name does.
     */
    public static String fingerprint(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
