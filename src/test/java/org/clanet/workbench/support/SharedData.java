package org.clanet.workbench.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real LIVECell images in ../shared; tests that need them skip, saying so, in a fresh clone. */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String prop = System.getProperty("clanet.shared", "../shared");
        return Path.of(prop).toAbsolutePath().normalize();
    }

    public static Path realImages() {
        Path p = root().resolve("real-images");
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is absent (the shared LIVECell images are not in a fresh clone)");
        return p;
    }

    public static Path realFullFrames() {
        Path p = root().resolve("real-images-fullframe");
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is absent (the shared full frames are not in a fresh clone)");
        return p;
    }

    /** The committed synthetic sample data set. */
    public static Path sampleData() {
        return Path.of("sample-data").toAbsolutePath();
    }
}
