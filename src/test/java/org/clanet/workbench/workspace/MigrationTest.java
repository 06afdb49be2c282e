package org.clanet.workbench.workspace;

import org.clanet.workbench.io.AppDirs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {

    /**
     * A realistic V2: rebuilds {@code frames} (SQLite cannot add a CHECK or reorder columns in place),
     * the way SQLite documents it. With foreign keys on, the DROP would cascade-delete every patch.
     */
    /** Test migrations come after the shipped ones. */
    static final int NEXT = Schema.latestVersion() + 1;

    static final Migration V2_REBUILD_FRAMES = Migration.sql(NEXT, "frames gain focus score",
            """
            CREATE TABLE frames_new (
                id            INTEGER PRIMARY KEY,
                rel_path      TEXT NOT NULL UNIQUE,
                cell_line     TEXT,
                batch         TEXT,
                sequence_key  TEXT,
                time_minutes  INTEGER,
                width         INTEGER,
                height        INTEGER,
                bit_depth     INTEGER,
                focus_score   REAL NOT NULL DEFAULT 0
            )""",
            "INSERT INTO frames_new(id, rel_path, cell_line, batch, sequence_key, time_minutes, width, height, bit_depth)"
                    + " SELECT id, rel_path, cell_line, batch, sequence_key, time_minutes, width, height, bit_depth"
                    + " FROM frames",
            "DROP TABLE frames",
            "ALTER TABLE frames_new RENAME TO frames",
            "CREATE INDEX frames_by_sequence ON frames(sequence_key, time_minutes)");

    @TempDir
    Path tmp;
    Path dataset;
    AppDirs home;

    @BeforeEach
    void setUp() throws IOException {
        dataset = Files.createDirectories(tmp.resolve("dataset"));
        home = AppDirs.at(tmp.resolve("home"));
    }

    private Workspace open(List<Migration> migrations) {
        return Workspace.open(dataset, null, migrations, home, p -> true);
    }

    @Test
    void shippedSchema() {
        assertEquals(3, Schema.latestVersion());
        assertEquals(List.of(Schema.V1, Schema.V2, Schema.V3), Schema.migrations());
    }

    static List<Migration> plus(Migration m) {
        List<Migration> all = new ArrayList<>(Schema.migrations());
        all.add(m);
        return all;
    }

    static String versionsUpTo(int n) {
        return String.join(",", java.util.stream.IntStream.rangeClosed(1, n).mapToObj(String::valueOf).toList());
    }

    @Test
    void upgradeKeepsDataAndAdvancesVersion() {
        List<StoredPatch> patches = List.of(new StoredPatch(0, 10, 20, 112, 112, 0.8),
                new StoredPatch(1, 30, 40, 112, 112, 0.6));
        try (Workspace ws = open(Schema.migrations())) {
            assertEquals(NEXT - 1, ws.schemaVersion());
            ws.runInTransaction(c -> exec(c, "INSERT INTO frames(rel_path, cell_line, width) VALUES ('A/f0.tif', 'A549', 1408)"));
            ws.patches().put("A/f1.tif", "key-1", patches);
            ws.runLog().startRun("select", "{\"bbNumLimit\":40}");
        }

        try (Workspace ws = open(plus(V2_REBUILD_FRAMES))) {
            assertEquals(NEXT, ws.schemaVersion());
            assertEquals(patches, ws.patches().get("A/f1.tif"), "patches survive the frames rebuild");
            assertTrue(ws.isFresh("select", "A/f1.tif", "key-1"));
            assertEquals(1, ws.runLog().runs().size());
            assertEquals("A549|1408|0.0", ws.read(c -> single(c,
                    "SELECT cell_line || '|' || width || '|' || focus_score FROM frames WHERE rel_path = 'A/f0.tif'")));
            assertEquals(versionsUpTo(NEXT), ws.read(c -> single(c, "SELECT group_concat(version) FROM schema_version")));
            assertEquals("0", ws.read(c -> single(c, "SELECT COUNT(*) FROM pragma_foreign_key_check")));
            assertEquals("1", ws.read(c -> single(c, "PRAGMA foreign_keys")), "foreign keys back on after migrating");
            // The rebuilt table is still the parent of patches: cascades work.
            ws.runInTransaction(c -> exec(c, "DELETE FROM frames WHERE rel_path = 'A/f1.tif'"));
            assertEquals(List.of(), ws.patches().get("A/f1.tif"));
        }

        // Re-opening at the same version applies nothing again.
        try (Workspace ws = open(plus(V2_REBUILD_FRAMES))) {
            assertEquals(NEXT, ws.schemaVersion());
            assertEquals(String.valueOf(NEXT), ws.read(c -> single(c, "SELECT COUNT(*) FROM schema_version")));
        }
    }

    @Test
    void newerDatabaseIsRefusedWithBothVersionsAndTheFile() {
        Path dbFile;
        try (Workspace ws = open(plus(V2_REBUILD_FRAMES))) {
            dbFile = ws.databaseFile();
            ws.patches().put("A/f1.tif", "k", List.of(new StoredPatch(0, 1, 1, 112, 112, 0.5)));
        }
        WorkspaceVersionException e = assertThrows(WorkspaceVersionException.class,
                () -> open(Schema.migrations()));
        assertEquals(NEXT, e.fileVersion());
        assertEquals(NEXT - 1, e.supportedVersion());
        assertEquals(dbFile, e.databaseFile());
        assertTrue(e.getMessage().contains(dbFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("schema version " + NEXT), e.getMessage());
        assertTrue(e.getMessage().contains("up to " + (NEXT - 1)), e.getMessage());

        // Refusing did not touch it: the newer app still opens it with its data.
        try (Workspace ws = open(plus(V2_REBUILD_FRAMES))) {
            assertEquals(1, ws.patches().get("A/f1.tif").size());
        }
    }

    @Test
    void failingMigrationRollsBackAndNamesTheFile() {
        try (Workspace ws = open(Schema.migrations())) {
            ws.patches().put("A/f1.tif", "k", List.of(new StoredPatch(0, 1, 1, 112, 112, 0.5)));
        }
        Migration broken = new Migration(NEXT, "half-done", c -> {
            exec(c, "CREATE TABLE embeddings(id INTEGER)");
            exec(c, "DELETE FROM patches");
            throw new SQLException("simulated failure");
        });
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> open(plus(broken)));
        assertTrue(e.getMessage().contains("workspace.db") && e.getMessage().contains("V" + NEXT)
                && e.getMessage().contains("simulated failure"), e.getMessage());

        try (Workspace ws = open(Schema.migrations())) {
            assertEquals(NEXT - 1, ws.schemaVersion());
            assertEquals(1, ws.patches().get("A/f1.tif").size(), "deleted rows came back with the rollback");
            assertEquals("0", ws.read(c -> single(c,
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = 'embeddings'")));
        }
    }

    @Test
    void migrationLeavingBrokenReferencesIsRejected() {
        try (Workspace ws = open(Schema.migrations())) {
            ws.patches().put("A/f1.tif", "k", List.of(new StoredPatch(0, 1, 1, 112, 112, 0.5)));
        }
        Migration dropsParents = Migration.sql(NEXT, "forgets frames", "DELETE FROM frames");
        WorkspaceException e = assertThrows(WorkspaceException.class,
                () -> open(plus(dropsParents)));
        assertTrue(e.getMessage().contains("broken reference"), e.getMessage());
        try (Workspace ws = open(Schema.migrations())) {
            assertEquals(1, ws.patches().get("A/f1.tif").size());
        }
    }

    @Test
    void migrationListsMustBeNumberedInOrder() {
        Migration v3 = Migration.sql(NEXT + 1, "skips one", "SELECT 1");
        assertThrows(IllegalArgumentException.class, () -> open(plus(v3)));
        assertThrows(IllegalArgumentException.class, () -> Migration.sql(0, "zero"));
        assertFalse(Files.exists(dataset.resolve(".clanet/workspace.db-wal")), "connection was closed");
    }

    @Test
    void eachMigrationIsRecorded() {
        List<String> applied = new ArrayList<>();
        Migration v2 = new Migration(NEXT, "records", c -> applied.add("v2"));
        try (Workspace ws = open(plus(v2))) {
            assertEquals(List.of("v2"), applied);
            assertEquals("initial schema|run owner process|masks in the database, item results, unused tables dropped|records", ws.read(c -> single(c,
                    "SELECT group_concat(description, '|') FROM (SELECT description FROM schema_version ORDER BY version)")));
        }
        try (Workspace ws = open(plus(v2))) {
            assertEquals(List.of("v2"), applied, "not applied twice");
            assertEquals(NEXT, ws.schemaVersion());
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
