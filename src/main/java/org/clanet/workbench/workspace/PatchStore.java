package org.clanet.workbench.workspace;

import org.clanet.workbench.io.AtomicFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Files;
import java.util.Set;

/**
 * Selected patches per frame (output of the "select" stage). Frames are named by their path relative to
 * the dataset root, with '/' separators.
 */
public final class PatchStore {

    /** Stage name under which {@link #put} records frames as done. */
    public static final String STAGE = "select";

    private final Workspace workspace;

    PatchStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Replaces the frame's patches and marks the frame done for {@link #STAGE} under {@code cacheKey},
     * in one transaction: a crash leaves either the old result with its old key or the new with the new.
     * An empty list is a valid result (a frame without cells).
     */
    public void put(String frameRelPath, String cacheKey, List<StoredPatch> patches) {
        Objects.requireNonNull(cacheKey, "cacheKey");
        workspace.runInTransaction(c -> {
            store(frameRelPath, patches, null);
            workspace.stageCache().markDone(c, STAGE, frameRelPath, cacheKey);
        });
    }

    /**
     * Replaces the frame's patches (and its mask, when given) without marking anything done: the stage runner
     * calls this inside the transaction in which it marks the frame done, for a whole group of frames at once.
     */
    public void store(String frameRelPath, List<StoredPatch> patches, StoredMask mask) {
        requireFrame(frameRelPath);
        List<StoredPatch> copy = List.copyOf(patches);
        Set<Integer> ranks = new HashSet<>();
        for (StoredPatch p : copy) {
            if (!ranks.add(p.rank())) {
                throw new IllegalArgumentException("duplicate patch rank " + p.rank() + " for frame " + frameRelPath);
            }
        }
        workspace.runInTransaction(c -> {
            long frameId = frameId(c, frameRelPath);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM patches WHERE frame_id = ?")) {
                del.setLong(1, frameId);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO patches(frame_id, rank, x, y, w, h, confluency) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredPatch p : copy) {
                    ins.setLong(1, frameId);
                    ins.setInt(2, p.rank());
                    ins.setInt(3, p.x());
                    ins.setInt(4, p.y());
                    ins.setInt(5, p.w());
                    ins.setInt(6, p.h());
                    ins.setDouble(7, p.confluency());
                    ins.addBatch();
                }
                if (!copy.isEmpty()) {
                    ins.executeBatch();
                }
            }
            if (mask != null) {
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT OR REPLACE INTO masks(frame_id, width, height, png) VALUES (?, ?, ?, ?)")) {
                    ins.setLong(1, frameId);
                    ins.setInt(2, mask.width());
                    ins.setInt(3, mask.height());
                    ins.setBytes(4, mask.png());
                    ins.executeUpdate();
                }
            }
        });
    }

    /** The frame's stored mask (PNG), from the database, or from a mask file an older version wrote. */
    public Optional<StoredMask> mask(String frameRelPath) {
        requireFrame(frameRelPath);
        Optional<StoredMask> inDb = workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.width, m.height, m.png FROM masks m JOIN frames f ON f.id = m.frame_id
                    WHERE f.rel_path = ?""")) {
                ps.setString(1, frameRelPath);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredMask(rs.getInt(1), rs.getInt(2), rs.getBytes(3)))
                            : Optional.<StoredMask>empty();
                }
            }
        });
        if (inDb.isPresent()) {
            return inDb;
        }
        Path legacy = maskFile(frameRelPath);
        try {
            return Files.isRegularFile(legacy) ? Optional.of(new StoredMask(-1, -1, Files.readAllBytes(legacy)))
                    : Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The frame's patches by rank; empty when none are stored. */
    public List<StoredPatch> get(String frameRelPath) {
        requireFrame(frameRelPath);
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.rank, p.x, p.y, p.w, p.h, p.confluency
                    FROM patches p JOIN frames f ON f.id = p.frame_id
                    WHERE f.rel_path = ? ORDER BY p.rank""")) {
                ps.setString(1, frameRelPath);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredPatch> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs, 1));
                    }
                    return List.copyOf(out);
                }
            }
        });
    }

    /** Every frame that has at least one patch, sorted by path, patches by rank. One query. */
    public Map<String, List<StoredPatch>> all() {
        return workspace.read(c -> {
            Map<String, List<StoredPatch>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.rel_path, p.rank, p.x, p.y, p.w, p.h, p.confluency
                    FROM patches p JOIN frames f ON f.id = p.frame_id
                    ORDER BY f.rel_path, p.rank""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(row(rs, 2));
                }
            }
            out.replaceAll((k, v) -> List.copyOf(v));
            return out;
        });
    }

    public boolean hasPatches(String frameRelPath) {
        requireFrame(frameRelPath);
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT EXISTS (SELECT 1 FROM patches p JOIN frames f ON f.id = p.frame_id
                                   WHERE f.rel_path = ?)""")) {
                ps.setString(1, frameRelPath);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Where an older version kept the frame's cell mask: {@code files/masks/<frame path>.png}. The original extension is
     * kept ({@code a.tif.png}) so {@code a.tif} and {@code a.png} in one folder cannot collide.
     * Nothing is created; write it with {@link AtomicFiles}, which creates the folders.
     */
    public Path maskFile(String frameRelPath) {
        requireFrame(frameRelPath);
        return workspace.resolveFile("masks/" + frameRelPath + ".png");
    }

    /** Id of the frame's row, inserting a bare row when the dataset stage has not recorded it yet. */
    static long frameId(Connection c, String frameRelPath) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO frames(rel_path) VALUES (?)")) {
            ins.setString(1, frameRelPath);
            ins.executeUpdate();
        }
        try (PreparedStatement sel = c.prepareStatement("SELECT id FROM frames WHERE rel_path = ?")) {
            sel.setString(1, frameRelPath);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static StoredPatch row(ResultSet rs, int first) throws SQLException {
        return new StoredPatch(rs.getInt(first), rs.getInt(first + 1), rs.getInt(first + 2),
                rs.getInt(first + 3), rs.getInt(first + 4), rs.getDouble(first + 5));
    }

    private static void requireFrame(String frameRelPath) {
        Objects.requireNonNull(frameRelPath, "frameRelPath");
        if (frameRelPath.isBlank()) {
            throw new IllegalArgumentException("frame path is empty");
        }
    }
}
