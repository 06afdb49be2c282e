package org.clanet.workbench;

import org.clanet.workbench.app.WorkbenchApp;
import org.clanet.workbench.cli.ClanetCommand;
import org.clanet.workbench.pipeline.RuntimeSetup;

/**
 * Entry point of clanet.jar: no arguments opens the workbench, anything else is the command line.
 * A plain class, not the JavaFX Application, so JavaFX can run from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        boolean workbench = WorkbenchApp.wants(args);
        RuntimeSetup.configure(workbench ? "workbench" : "cli");
        if (workbench) {
            WorkbenchApp.launch(args); // no arguments, or --dataset DIR
            System.exit(0);
        }
        System.exit(ClanetCommand.run(args));
    }
}
