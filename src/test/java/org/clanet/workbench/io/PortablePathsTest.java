package org.clanet.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortablePathsTest {

    @Test
    void relativeWithSlashesAndNormalised() {
        Path root = Path.of("data").toAbsolutePath();
        assertEquals("A549/batch_1/f.png", PortablePaths.relative(root, root.resolve("A549/batch_1/f.png")));
        assertEquals("A549/f.png", PortablePaths.portable(Path.of("A549", "x", "..", "f.png")));
    }
}
