package org.clanet.workbench.io;

import java.nio.file.Path;

/**
 * Paths inside a dataset as the workspace keys them: relative to the dataset folder, with {@code /} separators
 * whatever the OS, so a dataset that moves or is opened on another OS keeps its results. The one definition the
 * scanner (frame keys), the stages and the input fingerprints share.
 */
public final class PortablePaths {

    private PortablePaths() {
    }

    /** {@code file} relative to {@code root}, e.g. {@code A549/batch_1/VID1_B2_1_00d00h00m.png}. */
    public static String relative(Path root, Path file) {
        return portable(root.relativize(file));
    }

    /** A relative path written with {@code /} separators. */
    public static String portable(Path relative) {
        return relative.normalize().toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
