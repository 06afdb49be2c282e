package org.clanet.workbench;

/** Entry point of clanet.jar: no arguments opens the workbench, anything else is the command line. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("CLANet Workbench (skeleton)");
    }
}
