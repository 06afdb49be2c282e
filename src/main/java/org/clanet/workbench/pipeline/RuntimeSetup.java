package org.clanet.workbench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process-wide settings every entry point applies before any library loads: DJL strictly offline with
 * tracking off and its native cache in the app's data folder, JavaFX's cache beside it, a session log.
 */
public final class RuntimeSetup {

    private RuntimeSetup() {
    }

    public static void configure(String sessionKind) {
        Path home = dataHome();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("DJL_CACHE_DIR", home.resolve("djl").toString());
        setIfAbsent("ENGINE_CACHE_DIR", home.resolve("djl").toString());
        setIfAbsent("javafx.cachedir", home.resolve("javafx").toString());
        try {
            // OpenCV (openpnp) and sqlite-jdbc unpack natives to java.io.tmpdir: it must exist.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            System.err.println("warning: cannot create the temporary folder: " + e.getMessage());
        }
        SessionLog.start(home.resolve("logs"), sessionKind);
    }

    /** The user's data folder for the app; {@code -Dclanet.home} overrides it. */
    public static Path dataHome() {
        String override = System.getProperty("clanet.home");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "clanet");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "clanet");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
