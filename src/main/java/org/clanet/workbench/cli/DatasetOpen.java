package org.clanet.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.clanet.workbench.dataset.Dataset;
import org.clanet.workbench.dataset.DatasetScanner;
import org.clanet.workbench.pipeline.Cancellation;

/** The scan every pipeline command starts with (a workspace folder inside DIR is left out of it). */
final class DatasetOpen {

    private DatasetOpen() {
    }

    static Dataset scan(Path dir, Path workspace, PrintWriter err, Cancellation cancel) throws java.io.IOException {
        ConsoleProgress scanProgress = new ConsoleProgress(err, "scan");
        Dataset d = DatasetScanner.scan(dir, scanProgress, cancel, workspace == null ? List.of() : List.of(workspace));
        scanProgress.finish();
        return d;
    }
}
