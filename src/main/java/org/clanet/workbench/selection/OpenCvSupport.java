package org.clanet.workbench.selection;

/** Loads the OpenCV natives of org.openpnp:opencv once per JVM. */
public final class OpenCvSupport {

    private static volatile boolean loaded;

    private OpenCvSupport() {
    }

    /** Idempotent and thread-safe. */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCvSupport.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
