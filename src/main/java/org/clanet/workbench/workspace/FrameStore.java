package org.clanet.workbench.workspace;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Frame metadata from the dataset scan; the rows that patches and other per-frame results hang off. */
public final class FrameStore {

    private final Workspace workspace;

    FrameStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Inserts or updates frames by path, all in one transaction. Updates keep the row (an upsert, not a
     * delete + insert), so results already stored for a frame stay attached to it.
     */
    public void putAll(Collection<StoredFrame> frames) {
        List<StoredFrame> copy = List.copyOf(frames);
        if (copy.isEmpty()) {
            return;
        }
        workspace.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO frames(rel_path, cell_line, batch, sequence_key, time_minutes, width, height, bit_depth, well)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(rel_path) DO UPDATE SET
                        cell_line = excluded.cell_line, batch = excluded.batch,
                        sequence_key = excluded.sequence_key, time_minutes = excluded.time_minutes,
                        width = excluded.width, height = excluded.height, bit_depth = excluded.bit_depth,
                        well = excluded.well""")) {
                for (StoredFrame f : copy) {
                    ps.setString(1, f.relPath());
                    ps.setString(2, f.cellLine());
                    ps.setString(3, f.batch());
                    ps.setString(4, f.sequenceKey());
                    ps.setLong(5, f.timeMinutes());
                    ps.setInt(6, f.width());
                    ps.setInt(7, f.height());
                    ps.setInt(8, f.bitDepth());
                    ps.setString(9, f.well());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    public Optional<StoredFrame> get(String relPath) {
        Objects.requireNonNull(relPath, "relPath");
        List<StoredFrame> found = query("WHERE rel_path = ?", relPath);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Frames of one sequence in time order. */
    public List<StoredFrame> sequence(String sequenceKey) {
        Objects.requireNonNull(sequenceKey, "sequenceKey");
        return query("WHERE sequence_key = ? ORDER BY time_minutes, rel_path", sequenceKey);
    }

    /** Every frame, sorted by path. Frames that only have patches (no scan yet) show unknown metadata. */
    public List<StoredFrame> all() {
        return query("ORDER BY rel_path", null);
    }

    private List<StoredFrame> query(String where, String arg) {
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rel_path, cell_line, batch, sequence_key, COALESCE(time_minutes, -1), COALESCE(width, -1),"
                            + " COALESCE(height, -1), COALESCE(bit_depth, -1), well FROM frames " + where)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredFrame> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return List.copyOf(out);
                }
            }
        });
    }

    private static StoredFrame row(ResultSet rs) throws SQLException {
        return new StoredFrame(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9));
    }
}
