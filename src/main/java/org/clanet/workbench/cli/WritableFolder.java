package org.clanet.workbench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a command can write a folder, checked before it starts, with the reason in words: an export that failed
 * after the whole run printed only {@code error: <path>}. Writes nothing: asks the operating system (access(2))
 * about the folder, or the nearest existing folder above it when it is still to be created.
 */
final class WritableFolder {

    private WritableFolder() {
    }

    /** Empty when {@code dir} exists as a writable folder or can be created; else what is in the way. */
    static Optional<String> check(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            return Optional.of("it is a file, not a folder");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("no existing folder above it");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing + " is a file, not a folder");
        }
        String where = existing.equals(abs) ? "" : " (cannot create it in " + existing + ")";
        try {
            existing.getFileSystem().provider().checkAccess(existing, AccessMode.WRITE, AccessMode.EXECUTE);
            return Optional.empty();
        } catch (AccessDeniedException e) {
            return Optional.of("permission denied" + where);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            return Optional.of(reason.toLowerCase(Locale.ROOT) + where);
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()) + where);
        }
    }
}
