package org.clanet.workbench.workspace;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace schema as an ordered list of migrations, and the code that applies them.
 *
 * <p>Rule for future versions: never edit a released migration; append {@code V(n+1)}. The applied
 * versions are recorded in {@code schema_version}, one row per migration, so a database says which
 * app generation wrote it.
 */
public final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** Times are ISO-8601 UTC text ({@link Instant#toString()}): sortable and readable in any SQLite tool. */
    static final Migration V1 = Migration.sql(1, "initial schema",
            """
            CREATE TABLE frames (
                id            INTEGER PRIMARY KEY,
                rel_path      TEXT NOT NULL UNIQUE,
                cell_line     TEXT,
                batch         TEXT,
                sequence_key  TEXT,
                time_minutes  INTEGER,
                width         INTEGER,
                height        INTEGER,
                bit_depth     INTEGER
            )""",
            "CREATE INDEX frames_by_sequence ON frames(sequence_key, time_minutes)",
            """
            CREATE TABLE patches (
                frame_id    INTEGER NOT NULL REFERENCES frames(id) ON DELETE CASCADE,
                rank        INTEGER NOT NULL,
                x           INTEGER NOT NULL,
                y           INTEGER NOT NULL,
                w           INTEGER NOT NULL,
                h           INTEGER NOT NULL,
                confluency  REAL NOT NULL,
                PRIMARY KEY (frame_id, rank)
            ) WITHOUT ROWID""",
            """
            CREATE TABLE runs (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                stage        TEXT NOT NULL,
                parameters   TEXT NOT NULL DEFAULT '{}',
                started_at   TEXT NOT NULL,
                finished_at  TEXT,
                status       TEXT NOT NULL,
                message      TEXT
            )""",
            """
            CREATE TABLE models (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                kind         TEXT NOT NULL,
                path         TEXT NOT NULL,
                parameters   TEXT NOT NULL DEFAULT '{}',
                metrics      TEXT NOT NULL DEFAULT '{}',
                created_at   TEXT NOT NULL
            )""",
            """
            CREATE TABLE predictions (
                id             INTEGER PRIMARY KEY,
                run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                sequence_key   TEXT NOT NULL,
                probabilities  TEXT NOT NULL,
                attention_ref  TEXT,
                UNIQUE (run_id, sequence_key)
            )""",
            """
            CREATE TABLE stage_cache (
                stage        TEXT NOT NULL,
                item_key     TEXT NOT NULL,
                cache_key    TEXT NOT NULL,
                finished_at  TEXT NOT NULL,
                PRIMARY KEY (stage, item_key)
            ) WITHOUT ROWID""");

    /**
     * Which process started a run, so opening the workspace marks only runs of dead processes as interrupted
     * (the workbench and a command line may work on one dataset at the same time).
     */
    static final Migration V2 = Migration.sql(2, "run owner process",
            "ALTER TABLE runs ADD COLUMN owner_pid INTEGER",
            "ALTER TABLE runs ADD COLUMN owner_host TEXT");

    /**
     * Masks move into the database next to their patches (one transaction per group of frames instead of a file
     * and an fsync per frame; masks are small PNGs); small per-item results of later stages (a sequence's
     * prediction) get one generic table; the never-used {@code models} and {@code predictions} tables go (models
     * are runs with files, predictions are item results).
     */
    static final Migration V3 = Migration.sql(3, "masks in the database, item results, unused tables dropped",
            """
            CREATE TABLE masks (
                frame_id  INTEGER PRIMARY KEY REFERENCES frames(id) ON DELETE CASCADE,
                width     INTEGER NOT NULL,
                height    INTEGER NOT NULL,
                png       BLOB NOT NULL
            )""",
            """
            CREATE TABLE item_results (
                stage     TEXT NOT NULL,
                item_key  TEXT NOT NULL,
                payload   TEXT NOT NULL,
                PRIMARY KEY (stage, item_key)
            ) WITHOUT ROWID""",
            "ALTER TABLE frames ADD COLUMN well TEXT",
            "DROP TABLE models",
            "DROP TABLE predictions",
            "CREATE INDEX runs_by_stage ON runs(stage, id)");

    private static final List<Migration> MIGRATIONS = List.of(V1, V2, V3);

    private Schema() {
    }

    /** The migrations this app knows, in order. */
    public static List<Migration> migrations() {
        return MIGRATIONS;
    }

    /** The schema version this app writes. */
    public static int latestVersion() {
        return latestVersion(MIGRATIONS);
    }

    static int latestVersion(List<Migration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    /** Versions must be exactly 1..n so a gap or a reordering is a programming error caught at open. */
    static void checkOrdered(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1.." + migrations.size()
                        + " in order; position " + i + " has version " + migrations.get(i).version());
            }
        }
    }

    /**
     * Brings the database up to the last migration, one transaction per migration.
     *
     * @return the schema version after migrating
     * @throws WorkspaceVersionException if the database is newer than {@code migrations}
     */
    static int migrate(Connection connection, Path databaseFile, List<Migration> migrations) throws SQLException {
        checkOrdered(migrations);
        int latest = latestVersion(migrations);
        int current = currentVersion(connection, databaseFile);
        if (current > latest) {
            throw new WorkspaceVersionException(databaseFile, current, latest);
        }
        if (current == latest) {
            return current;
        }
        try (Statement st = connection.createStatement()) {
            // PRAGMA foreign_keys is ignored inside a transaction, so switch it around the migrations.
            st.execute("PRAGMA foreign_keys = OFF");
            try {
                for (Migration m : migrations) {
                    // The connection begins IMMEDIATE transactions: the write lock is taken first, so two
                    // processes opening together cannot both migrate (the loser re-reads the version).
                    connection.setAutoCommit(false);
                    try {
                        if (m.version() > currentVersion(connection, databaseFile)) {
                            applyOne(connection, m);
                            LOG.info("Workspace {} migrated to schema V{} ({})",
                                    databaseFile, m.version(), m.description());
                        }
                        connection.commit();
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(connection);
                        if (e instanceof WorkspaceException we) {
                            throw we;
                        }
                        throw new WorkspaceException("Upgrading workspace database " + databaseFile + " to schema V"
                                + m.version() + " (" + m.description() + ") failed: " + e.getMessage(), e);
                    } finally {
                        connection.setAutoCommit(true);
                    }
                }
            } finally {
                st.execute("PRAGMA foreign_keys = ON");
            }
        }
        return latest;
    }

    private static void applyOne(Connection connection, Migration m) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version      INTEGER PRIMARY KEY,
                        description  TEXT NOT NULL,
                        applied_at   TEXT NOT NULL
                    )""");
        }
        m.apply(connection);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) {
                throw new SQLException("the migration leaves a broken reference in table " + rs.getString(1));
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setString(3, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    /**
     * 0 for an empty database. A database with tables but no {@code schema_version} is someone else's
     * SQLite file: refuse it rather than add our tables to it.
     */
    static int currentVersion(Connection connection, Path databaseFile) throws SQLException {
        try (Statement st = connection.createStatement()) {
            boolean hasVersionTable;
            int otherObjects;
            try (ResultSet rs = st.executeQuery(
                    "SELECT SUM(name = 'schema_version'), SUM(name <> 'schema_version') FROM sqlite_master"
                            + " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                rs.next();
                hasVersionTable = rs.getInt(1) > 0;
                otherObjects = rs.getInt(2);
            }
            if (!hasVersionTable) {
                if (otherObjects > 0) {
                    throw new WorkspaceException("File " + databaseFile
                            + " is an SQLite database but not a CLANet workspace (it has no schema_version table)");
                }
                return 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // No transaction left to roll back (SQLite may have rolled back on its own).
        }
    }
}
