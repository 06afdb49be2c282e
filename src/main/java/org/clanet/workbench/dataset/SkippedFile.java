package org.clanet.workbench.dataset;

import java.nio.file.Path;

/** A file the scan could not use, and why. */
public record SkippedFile(Path path, String relativePath, String reason) {
}
