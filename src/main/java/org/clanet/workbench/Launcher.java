package org.clanet.workbench;

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
        RuntimeSetup.configure(args.length == 0 ? "workbench" : "cli");
        if (args.length == 0) {
            System.exit(ClanetCommand.run("--help"));
        }
        System.exit(ClanetCommand.run(args));
    }
}
