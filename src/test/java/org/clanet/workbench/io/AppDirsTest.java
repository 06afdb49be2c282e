package org.clanet.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirsTest {

    private static final Path HOME = Path.of("/home/ana");

    @Test
    void systemPropertyWinsOverEverything() {
        Path root = AppDirs.defaultRoot("/opt/clanet-data", Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME);
        assertEquals(Path.of("/opt/clanet-data"), root);
    }

    @Test
    void xdgDataHomeWhenSetAndAbsolute() {
        assertEquals(Path.of("/xdg/clanet"), AppDirs.defaultRoot(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME));
        // Relative XDG values are invalid by the spec and ignored.
        assertEquals(HOME.resolve(".local/share/clanet"),
                AppDirs.defaultRoot(null, Map.of("XDG_DATA_HOME", "rel/dir"), "Linux", HOME));
        assertEquals(HOME.resolve(".local/share/clanet"),
                AppDirs.defaultRoot("  ", Map.of("XDG_DATA_HOME", ""), "Linux", HOME));
    }

    @Test
    void platformDefaults() {
        assertEquals(HOME.resolve(".local/share/clanet"), AppDirs.defaultRoot(null, Map.of(), "Linux", HOME));
        assertEquals(HOME.resolve("Library/Application Support/clanet"),
                AppDirs.defaultRoot(null, Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("/appdata/clanet"),
                AppDirs.defaultRoot(null, Map.of("APPDATA", "/appdata"), "Windows 11", HOME));
        assertEquals(HOME.resolve("AppData/Roaming/clanet"), AppDirs.defaultRoot(null, Map.of(), "Windows 10", HOME));
    }

    @Test
    void currentUsesTheTestHomeProperty() {
        String prop = System.getProperty(AppDirs.HOME_PROPERTY);
        assertTrue(prop != null && !prop.isBlank(), "surefire sets clanet.home");
        Path expected = Path.of(prop).toAbsolutePath().normalize();
        assertEquals(expected, AppDirs.current().root());
        assertEquals(expected.resolve("workspaces"), AppDirs.current().workspaces());
    }

    @Test
    void foldersAreCreatedOnFirstUseOnly(@TempDir Path tmp) {
        Path root = tmp.resolve("data");
        AppDirs dirs = AppDirs.at(root);
        assertFalse(Files.exists(root), "constructing must not touch the disk");

        assertEquals(root.resolve("logs"), dirs.logs());
        assertTrue(Files.isDirectory(root.resolve("logs")));
        assertEquals(root.resolve("cache"), dirs.cache());
        assertEquals(root.resolve("cache/djl"), dirs.djlCache());
        assertTrue(Files.isDirectory(root.resolve("cache/djl")));
        assertEquals(root.resolve("workspaces"), dirs.workspaces());
        assertTrue(Files.isDirectory(root.resolve("workspaces")));

        Path prefs = dirs.preferencesFile();
        assertEquals(root.resolve("preferences.json"), prefs);
        assertFalse(Files.exists(prefs), "the preferences file itself is not created");
    }
}
