package org.clanet.workbench.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.clanet.workbench.io.AtomicFiles;

/**
 * Combines workspaces that ran shards of the same stages on different machines into one: frames, results, stage
 * records and run records, and the files under {@code files/}. Refuses, before writing anything, when two
 * workspaces hold different results for the same item (different keys, or different files at one path): that
 * means they were made with different parameters or inputs, and silently picking one would hide it.
 */
public final class WorkspaceMerge {

    /** What a merge brought in. */
    public record Report(int sources, int items, int runs, int files) {
    }

    private WorkspaceMerge() {
    }

    /**
     * @param sources workspace folders (each holding {@code workspace.db})
     * @param into    the target workspace (created if needed; may already hold results)
     * @throws WorkspaceException naming the conflicting item when two workspaces disagree
     */
    public static Report merge(List<Path> sources, Workspace into) throws IOException {
        List<Path> dbs = new ArrayList<>();
        for (Path s : sources) {
            Path db = s.resolve(Workspace.DATABASE_FILE);
            if (!Files.isRegularFile(db)) {
                throw new WorkspaceException("Not a workspace: " + s + " has no " + Workspace.DATABASE_FILE);
            }
            if (s.toAbsolutePath().normalize().equals(into.location())) {
                throw new WorkspaceException("Cannot merge workspace " + s + " into itself");
            }
            // Bring each source to this app's schema first (a no-op when it is current).
            Workspace.open(s, s).close();
            dbs.add(db);
        }
        for (int i = 0; i < dbs.size(); i++) {
            checkConflicts(into, dbs.get(i), sources.get(i));
            for (int j = i + 1; j < dbs.size(); j++) {
                checkPair(sources.get(i), sources.get(j));
            }
        }
        for (Path s : sources) {
            copyFiles(s.resolve(Workspace.FILES_FOLDER), into.filesDir(), true);
        }
        int items = 0;
        int runs = 0;
        int files = 0;
        for (int i = 0; i < dbs.size(); i++) {
            files += copyFiles(sources.get(i).resolve(Workspace.FILES_FOLDER), into.filesDir(), false);
            int[] n = copyRows(into, dbs.get(i));
            items += n[0];
            runs += n[1];
        }
        return new Report(sources.size(), items, runs, files);
    }

    private static void checkPair(Path a, Path b) {
        try (Workspace wa = Workspace.open(a, a)) {
            checkConflicts(wa, b.resolve(Workspace.DATABASE_FILE), b);
        }
    }

    /** Same (stage, item) done under different keys, or different item results: refuse, naming the first. */
    private static void checkConflicts(Workspace ws, Path db, Path source) {
        attach(ws, db);
        try {
            String conflict = ws.read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("""
                             SELECT s.stage, s.item_key FROM src.stage_cache s
                             JOIN main.stage_cache t ON t.stage = s.stage AND t.item_key = s.item_key
                             WHERE t.cache_key <> s.cache_key LIMIT 1""")) {
                    if (rs.next()) {
                        return "stage '" + rs.getString(1) + "', item " + rs.getString(2)
                                + ": the workspaces hold results made with different parameters or inputs";
                    }
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("""
                             SELECT s.stage, s.item_key FROM src.item_results s
                             JOIN main.item_results t ON t.stage = s.stage AND t.item_key = s.item_key
                             WHERE t.payload <> s.payload LIMIT 1""")) {
                    if (rs.next()) {
                        return "stage '" + rs.getString(1) + "', item " + rs.getString(2)
                                + ": the workspaces hold different results";
                    }
                }
                return null;
            });
            if (conflict != null) {
                throw new WorkspaceException("Cannot merge " + source + " into " + ws.location() + ": " + conflict
                        + ". Nothing was merged.");
            }
        } finally {
            detach(ws);
        }
    }

    private static int[] copyRows(Workspace into, Path db) {
        attach(into, db);
        try {
            return into.inTransaction(c -> {
                exec(c, """
                        INSERT INTO main.frames(rel_path, cell_line, batch, sequence_key, time_minutes, width, height,
                                                bit_depth, well)
                        SELECT rel_path, cell_line, batch, sequence_key, time_minutes, width, height, bit_depth, well
                        FROM src.frames WHERE true
                        ON CONFLICT(rel_path) DO UPDATE SET
                            cell_line = COALESCE(main.frames.cell_line, excluded.cell_line),
                            batch = COALESCE(main.frames.batch, excluded.batch),
                            sequence_key = COALESCE(main.frames.sequence_key, excluded.sequence_key),
                            time_minutes = COALESCE(main.frames.time_minutes, excluded.time_minutes),
                            width = COALESCE(main.frames.width, excluded.width),
                            height = COALESCE(main.frames.height, excluded.height),
                            bit_depth = COALESCE(main.frames.bit_depth, excluded.bit_depth),
                            well = COALESCE(main.frames.well, excluded.well)""");
                // Results of items the target does not have yet (an equal key means an equal result).
                exec(c, """
                        CREATE TEMP TABLE new_items AS
                        SELECT s.stage, s.item_key FROM src.stage_cache s
                        WHERE NOT EXISTS (SELECT 1 FROM main.stage_cache t
                                          WHERE t.stage = s.stage AND t.item_key = s.item_key)""");
                exec(c, """
                        INSERT OR REPLACE INTO main.patches(frame_id, rank, x, y, w, h, confluency)
                        SELECT mf.id, p.rank, p.x, p.y, p.w, p.h, p.confluency
                        FROM src.patches p JOIN src.frames sf ON sf.id = p.frame_id
                        JOIN main.frames mf ON mf.rel_path = sf.rel_path
                        JOIN temp.new_items n ON n.stage = 'select' AND n.item_key = sf.rel_path""");
                exec(c, """
                        INSERT OR REPLACE INTO main.masks(frame_id, width, height, png)
                        SELECT mf.id, m.width, m.height, m.png
                        FROM src.masks m JOIN src.frames sf ON sf.id = m.frame_id
                        JOIN main.frames mf ON mf.rel_path = sf.rel_path
                        JOIN temp.new_items n ON n.stage = 'select' AND n.item_key = sf.rel_path""");
                exec(c, "INSERT OR IGNORE INTO main.item_results SELECT * FROM src.item_results");
                int items;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM temp.new_items")) {
                    rs.next();
                    items = rs.getInt(1);
                }
                exec(c, """
                        INSERT INTO main.stage_cache(stage, item_key, cache_key, finished_at)
                        SELECT s.stage, s.item_key, s.cache_key, s.finished_at FROM src.stage_cache s
                        JOIN temp.new_items n ON n.stage = s.stage AND n.item_key = s.item_key""");
                exec(c, "DROP TABLE temp.new_items");
                int runs;
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO main.runs(stage, parameters, started_at, finished_at, status, message, owner_pid,
                                              owner_host)
                        SELECT stage, parameters, started_at, finished_at, status,
                               COALESCE(message, '') || ' (merged from ' || ? || ')', owner_pid, owner_host
                        FROM src.runs ORDER BY id""")) {
                    ps.setString(1, db.getParent().toString());
                    runs = ps.executeUpdate();
                }
                return new int[] {items, runs};
            });
        } finally {
            detach(into);
        }
    }

    /** Copies the files the target lacks; with {@code checkOnly}, only refuses when one differs. */
    private static int copyFiles(Path from, Path to, boolean checkOnly) throws IOException {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        int n = 0;
        for (Path f : all) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.exists(target)) {
                if (!Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(target))) {
                    throw new WorkspaceException("Cannot merge: " + from.relativize(f) + " differs between " + from
                            + " and " + to + ". Nothing was merged.");
                }
                continue;
            }
            if (checkOnly) {
                continue;
            }
            AtomicFiles.write(target, Files.readAllBytes(f));
            n++;
        }
        return n;
    }

    private static void attach(Workspace ws, Path db) {
        ws.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("ATTACH DATABASE ? AS src")) {
                ps.setString(1, db.toString());
                ps.execute();
            }
            return null;
        });
    }

    private static void detach(Workspace ws) {
        ws.read(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DETACH DATABASE src");
            }
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
