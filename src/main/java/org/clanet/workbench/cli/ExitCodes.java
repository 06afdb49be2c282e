package org.clanet.workbench.cli;

/**
 * What every {@code clanet} command's exit status means, so scripts and schedulers can tell a partial run from a
 * complete one. Listed in each command's {@code --help} and in README.
 */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command could not run (missing folder, unwritable output, no engine); the message says why. */
    public static final int ERROR = 1;
    /** Bad command line: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** Some items failed (each listed with its reason); the others were done and stored. */
    public static final int SOME_FAILED = 3;
    /** Interrupted (Ctrl-C); finished work is kept. */
    public static final int CANCELLED = 130;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:done: everything asked for";
    static final String ERROR_LINE = "1:the command could not run (the message says why)";
    static final String USAGE_LINE = "2:usage error (bad option or argument)";
    static final String SOME_FAILED_LINE = "3:some frames failed (listed with reasons); the others are stored";
    /** The top-level help speaks of items, since frames (select, embed) and sequences (predict) can fail alone. */
    static final String SOME_ITEMS_FAILED_LINE = "3:some items (frames or sequences) failed, each listed with its"
            + " reason; the others are stored";
    static final String CANCELLED_LINE = "130:cancelled with Ctrl-C; finished work is kept";

    private ExitCodes() {
    }
}
