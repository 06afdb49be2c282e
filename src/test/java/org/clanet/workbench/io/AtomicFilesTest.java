package org.clanet.workbench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesNewFileAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/model.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("model.bin"), names(target.getParent()));
    }

    @Test
    void replacesExistingContent() throws IOException {
        Path target = dir.resolve("notes.txt");
        AtomicFiles.writeString(target, "old content that is longer");
        AtomicFiles.writeString(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("notes.txt"), names(dir));
    }

    @Test
    void writerThatThrowsHalfwayLeavesOldContentAndNoTempFile() throws IOException {
        Path target = dir.resolve("embeddings.bin");
        AtomicFiles.writeString(target, "previous");
        IOException boom = new IOException("disk full, say");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new ".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw boom;
        }));

        assertSame(boom, thrown);
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of("embeddings.bin"), names(dir), "temp file must be removed");
    }

    @Test
    void runtimeExceptionAlsoCleansUpAndNoTargetIsCreated() throws IOException {
        Path target = dir.resolve("fresh.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IllegalStateException("bug in writer");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void writerMayCloseTheStream() throws IOException {
        Path target = dir.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write("abc".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("abc", Files.readString(target));
    }

    @Test
    void largeStreamedContentArrivesWhole() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] chunk = new byte[8191];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) i;
        }
        AtomicFiles.write(target, out -> {
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
        });
        assertEquals(100L * chunk.length, Files.size(target));
    }

    @Test
    void resultGetsOrdinaryPermissionsNotOwnerOnly() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        try {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to compare.
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
