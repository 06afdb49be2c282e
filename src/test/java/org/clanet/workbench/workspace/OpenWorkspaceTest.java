package org.clanet.workbench.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that work on one freshly opened workspace of an empty dataset folder. */
abstract class OpenWorkspaceTest {

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void openWorkspace() throws IOException {
        ws = Workspace.open(Files.createDirectories(tmp.resolve("dataset")), null);
    }

    @AfterEach
    void closeWorkspace() {
        ws.close();
    }
}
