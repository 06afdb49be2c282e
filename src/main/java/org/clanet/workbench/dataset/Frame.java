package org.clanet.workbench.dataset;

import java.nio.file.Path;
import org.clanet.workbench.imaging.ImageHeader;

/**
 * One image of a sequence.
 *
 * @param path         absolute file
 * @param relativePath path below the dataset root with {@code /} separators: the frame's key in the workspace
 */
public record Frame(Path path, String relativePath, Timepoint time, ImageHeader header) {

    public String fileName() {
        return path.getFileName().toString();
    }
}
