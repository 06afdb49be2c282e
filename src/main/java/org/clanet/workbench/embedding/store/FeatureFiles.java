package org.clanet.workbench.embedding.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clanet.workbench.io.AtomicFiles;

/**
 * One frame's patch features on disk: {@code "CLF1"}, int32 rows, int32 dims, then rows × dims float32, all
 * little-endian; row r is the patch of rank r+1. Bulky data stays out of SQLite; the file is written atomically and
 * durably before the frame is marked done, so a crash never leaves a fresh frame with a torn file.
 */
public final class FeatureFiles {

    private static final int MAGIC = 0x31464C43; // "CLF1" little-endian

    private FeatureFiles() {
    }

    public static void write(Path file, float[][] rows, int dims) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + rows.length * dims * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(rows.length).putInt(dims);
        for (float[] r : rows) {
            if (r.length != dims) {
                throw new IllegalArgumentException("feature row of " + r.length + " values, expected " + dims);
            }
            for (float v : r) {
                b.putFloat(v);
            }
        }
        AtomicFiles.write(file, b.array());
    }

    public static float[][] read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 12 || b.getInt() != MAGIC) {
            throw new IOException(file + ": not a CLANet feature file");
        }
        int rows = b.getInt();
        int dims = b.getInt();
        if (rows < 0 || dims < 0 || (long) rows * dims * 4 + 12 != all.length) {
            throw new IOException(file + ": truncated or damaged feature file (" + rows + " x " + dims + ", "
                    + all.length + " bytes)");
        }
        float[][] out = new float[rows][dims];
        for (float[] r : out) {
            for (int j = 0; j < dims; j++) {
                r[j] = b.getFloat();
            }
        }
        return out;
    }
}
