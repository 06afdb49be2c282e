package org.clanet.workbench.workspace;

import org.clanet.workbench.io.PortablePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Cheap identity of an input file for cache keys: path, size and modification time, not a content hash
 * (hashing 10,000 images on every open would cost more than some stages). The path is stored relative
 * and with '/' separators so a dataset that moves, or is opened on another OS, keeps its cache.
 */
public record InputFingerprint(String path, long size, long lastModifiedMillis) {

    public InputFingerprint {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }

    /** Fingerprint of {@code file}, named by the path as given (pass a path relative to the dataset). */
    public static InputFingerprint of(Path file) {
        return read(file, file);
    }

    /** Fingerprint of {@code file}, named by its path relative to {@code root}. */
    public static InputFingerprint of(Path root, Path file) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path absoluteFile = absoluteRoot.resolve(file).normalize();
        if (!absoluteFile.startsWith(absoluteRoot)) {
            throw new IllegalArgumentException(file + " is not inside " + root);
        }
        return read(absoluteFile, absoluteRoot.relativize(absoluteFile));
    }

    private static InputFingerprint read(Path file, Path name) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputFingerprint(PortablePaths.portable(name), attrs.size(), attrs.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read attributes of input " + file + ": " + e.getMessage(), e);
        }
    }
}
