package org.clanet.workbench.app.util;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.clanet.workbench.workspace.InputFingerprint;

/**
 * A file as cache key: its path with its size and modification time ({@link InputFingerprint}), so a file
 * replaced under the same name (re-exported, overwritten) misses the cache and is decoded again. A file that
 * cannot be read has size and time -1 (its error is cached under that key until it appears).
 */
public record FileKey(Path path, long size, long lastModifiedMillis) {

    /** One {@code stat} of the file. */
    public static FileKey of(Path file) {
        try {
            InputFingerprint f = InputFingerprint.of(file);
            return new FileKey(file, f.size(), f.lastModifiedMillis());
        } catch (UncheckedIOException | SecurityException e) {
            return new FileKey(file, -1, -1);
        }
    }
}
