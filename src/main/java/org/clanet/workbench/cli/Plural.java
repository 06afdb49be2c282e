package org.clanet.workbench.cli;

import java.util.Locale;

/** "1 frame", "2 frames": counts with the noun in the right number. */
final class Plural {

    private Plural() {
    }

    /** {@code of(1, "thread")} is "1 thread", {@code of(3, "thread")} "3 threads". */
    static String of(long n, String singular) {
        boolean sibilant = singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch") || singular.endsWith("sh");
        return of(n, singular, sibilant ? singular + "es" : singular + "s");
    }

    static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }
}
