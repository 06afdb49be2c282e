package org.clanet.workbench.mil.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The published class-index format: one line name per line, label = 0-based line number. */
public final class ClassNames {

    private ClassNames() {
    }

    /** Reads the names; blank trailing lines are ignored, blank inner lines and repeats are errors. */
    public static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(line.strip());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        if (out.isEmpty()) {
            throw new IOException(file + " lists no class names");
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isEmpty()) {
                throw new IOException(file + ": line " + (i + 1) + " is empty (one class name per line)");
            }
        }
        if (new java.util.HashSet<>(out).size() != out.size()) {
            throw new IOException(file + ": class names repeat: " + out);
        }
        return List.copyOf(out);
    }
}
