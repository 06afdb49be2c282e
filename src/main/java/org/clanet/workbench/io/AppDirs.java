package org.clanet.workbench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The user's data directory for the app and its fixed sub-folders.
 *
 * <p>Resolution order: system property {@code clanet.home} (tests and portable installs), then
 * {@code $XDG_DATA_HOME/clanet}, then the platform default ({@code %APPDATA%\clanet} on Windows,
 * {@code ~/Library/Application Support/clanet} on macOS, {@code ~/.local/share/clanet} elsewhere).
 * Folders are created on first use, so merely asking for a path never fails on a read-only home.
 */
public final class AppDirs {

    public static final String HOME_PROPERTY = "clanet.home";
    static final String APP_NAME = "clanet";

    private final Path root;

    private AppDirs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The app's directories as configured for this JVM (re-read on each call so tests can switch). */
    public static AppDirs current() {
        return new AppDirs(defaultRoot(System.getProperty(HOME_PROPERTY), System.getenv(),
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", "."))));
    }

    /** Directories rooted at an explicit folder. */
    public static AppDirs at(Path root) {
        return new AppDirs(root);
    }

    /** Pure resolution, separated from the environment so every branch can be tested. */
    static Path defaultRoot(String homeProperty, Map<String, String> env, String osName, Path userHome) {
        if (homeProperty != null && !homeProperty.isBlank()) {
            return Path.of(homeProperty);
        }
        // The XDG spec says relative values are invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, APP_NAME);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank()
                    ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming");
            return base.resolve(APP_NAME);
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve(APP_NAME);
        }
        return userHome.resolve(".local").resolve("share").resolve(APP_NAME);
    }

    /** The root folder itself (created). */
    public Path root() {
        return ensureDir(root);
    }

    public Path logs() {
        return ensureDir(root.resolve("logs"));
    }

    /** Regenerable data; safe to delete. */
    public Path cache() {
        return ensureDir(root.resolve("cache"));
    }

    /** Value for {@code DJL_CACHE_DIR}, so DJL never writes into the passwd home. */
    public Path djlCache() {
        return ensureDir(root.resolve("cache").resolve("djl"));
    }

    /** Workspaces of datasets whose own folder is read-only. */
    public Path workspaces() {
        return ensureDir(root.resolve("workspaces"));
    }

    /** The preferences file; its folder is created, the file itself is not. */
    public Path preferencesFile() {
        return root().resolve("preferences.json");
    }

    private static Path ensureDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create application folder " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AppDirs[" + root + "]";
    }
}
