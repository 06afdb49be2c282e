package org.clanet.workbench.app.prefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchPreferencesTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripsEverythingAndKeepsOtherKeys() throws Exception {
        Path file = tmp.resolve("preferences.json");
        Files.writeString(file, "{\"engine\": {\"device\": \"cpu\"}}");
        WorkbenchPreferences p = new WorkbenchPreferences(file);
        assertTrue(p.lastDataset().isEmpty());
        assertEquals(WorkbenchPreferences.Theme.LIGHT, p.theme());
        for (int i = 0; i < 10; i++) {
            p.datasetOpened(tmp.resolve("d" + i));
        }
        p.datasetOpened(tmp.resolve("d5")); // moves to the top, no duplicate
        p.setWindow(new WorkbenchPreferences.WindowGeometry(10, 20, 1200, 800, true));
        p.setDividers("main", new double[] {0.2, 0.8});
        p.setTheme(WorkbenchPreferences.Theme.DARK);
        p.save();

        WorkbenchPreferences q = new WorkbenchPreferences(file);
        assertEquals(Optional.of(tmp.resolve("d5")), q.lastDataset());
        List<Path> recent = q.recentDatasets();
        assertEquals(WorkbenchPreferences.MAX_RECENT, recent.size());
        assertEquals(List.of(tmp.resolve("d5"), tmp.resolve("d9"), tmp.resolve("d8")), recent.subList(0, 3));
        assertEquals(1, recent.stream().filter(r -> r.endsWith("d5")).count());
        assertEquals(new WorkbenchPreferences.WindowGeometry(10, 20, 1200, 800, true), q.window().orElseThrow());
        assertArrayEquals(new double[] {0.2, 0.8}, q.dividers("main"), 1e-9);
        assertEquals(0, q.dividers("other").length);
        assertEquals(WorkbenchPreferences.Theme.DARK, q.theme());
        assertTrue(Files.readString(file).contains("\"device\""), "other keys of the file are kept");
        q.clearRecent();
        assertTrue(q.recentDatasets().isEmpty());
    }

    @Test
    void unreadableFileMeansDefaults() throws Exception {
        Path file = tmp.resolve("preferences.json");
        Files.writeString(file, "{ not json");
        WorkbenchPreferences p = new WorkbenchPreferences(file);
        assertTrue(p.window().isEmpty());
        assertTrue(p.recentDatasets().isEmpty());
        p.save(); // repairs it
        assertTrue(new WorkbenchPreferences(file).window().isEmpty());
    }
}
