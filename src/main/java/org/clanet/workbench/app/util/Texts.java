package org.clanet.workbench.app.util;

/** Wording shared by the views. */
public final class Texts {

    private Texts() {
    }

    /** "1 image", "1,204 images", "3 batches". */
    public static String count(long n, String word) {
        String w = n == 1 ? word : word.endsWith("ch") ? word + "es" : word + "s";
        return String.format("%,d %s", n, w);
    }
}
