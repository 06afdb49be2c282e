package org.clanet.workbench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clanet.workbench.io.AppDirs;

/**
 * Process-wide settings every entry point applies before any library loads: DJL strictly offline with
 * tracking off and its native cache in the app's data folder, JavaFX's cache beside it, a session log.
 */
public final class RuntimeSetup {

    private RuntimeSetup() {
    }

    public static void configure(String sessionKind) {
        AppDirs dirs = AppDirs.current();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("DJL_CACHE_DIR", dirs.djlCache().toString());
        setIfAbsent("ENGINE_CACHE_DIR", dirs.djlCache().toString());
        setIfAbsent("javafx.cachedir", dirs.cache().resolve("javafx").toString());
        setIfAbsent("jna.tmpdir", dirs.cache().resolve("jna").toString()); // else JNA makes ~/.cache/JNA
        try {
            // OpenCV (openpnp) and sqlite-jdbc unpack natives to java.io.tmpdir: it must exist.
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            System.err.println("warning: cannot create the temporary folder: " + e.getMessage());
        }
        SessionLog.start(dirs.logs(), sessionKind);
    }

    /** The user's data folder for the app; {@code -Dclanet.home} overrides it. */
    public static Path dataHome() {
        return AppDirs.current().root();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
