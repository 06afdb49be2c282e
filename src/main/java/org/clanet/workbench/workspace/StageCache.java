package org.clanet.workbench.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Which items each stage has finished, and under which {@link CacheKey}. A stage skips an item only when
 * the stored key equals the key it computes now, so changed inputs or parameters re-run it.
 *
 * <p>Crash safety relies on callers writing an item's results and {@link #markDone(Connection, String,
 * String, String)} in the same transaction (see {@link Workspace#inTransaction(SqlWork)}): then no
 * half-written item is ever reported fresh.
 */
public final class StageCache {

    private final Workspace workspace;

    StageCache(Workspace workspace) {
        this.workspace = workspace;
    }

    public boolean isFresh(String stage, String itemKey, String cacheKey) {
        requireKeys(stage, itemKey, cacheKey);
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cache_key FROM stage_cache WHERE stage = ? AND item_key = ?")) {
                ps.setString(1, stage);
                ps.setString(2, itemKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && cacheKey.equals(rs.getString(1));
                }
            }
        });
    }

    /** Records the item as done in its own transaction; for results kept outside the database. */
    public void markDone(String stage, String itemKey, String cacheKey) {
        workspace.runInTransaction(c -> markDone(c, stage, itemKey, cacheKey));
    }

    /** Records the item as done inside the caller's transaction, next to the item's results. */
    public void markDone(Connection transaction, String stage, String itemKey, String cacheKey) throws SQLException {
        requireKeys(stage, itemKey, cacheKey);
        try (PreparedStatement ps = transaction.prepareStatement(
                "INSERT OR REPLACE INTO stage_cache(stage, item_key, cache_key, finished_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, stage);
            ps.setString(2, itemKey);
            ps.setString(3, cacheKey);
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    /** Forgets every item of {@code stage}, e.g. when the user asks for a clean re-run. */
    public void invalidate(String stage) {
        Objects.requireNonNull(stage, "stage");
        workspace.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM stage_cache WHERE stage = ?")) {
                ps.setString(1, stage);
                ps.executeUpdate();
            }
        });
    }

    public void invalidate(String stage, String itemKey) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(itemKey, "itemKey");
        workspace.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM stage_cache WHERE stage = ? AND item_key = ?")) {
                ps.setString(1, stage);
                ps.setString(2, itemKey);
                ps.executeUpdate();
            }
        });
    }

    /** The stored key of every item of {@code stage} done under any key: read once, compare in memory. */
    public java.util.Map<String, String> keys(String stage) {
        Objects.requireNonNull(stage, "stage");
        return workspace.read(c -> {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT item_key, cache_key FROM stage_cache WHERE stage = ?")) {
                ps.setString(1, stage);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** The key an item of {@code stage} was last done under, if any. */
    public java.util.Optional<String> key(String stage, String itemKey) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(itemKey, "itemKey");
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cache_key FROM stage_cache WHERE stage = ? AND item_key = ?")) {
                ps.setString(1, stage);
                ps.setString(2, itemKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.<String>empty();
                }
            }
        });
    }

    /** Items of {@code stage} recorded as done under any key; for progress displays. */
    public int doneCount(String stage) {
        Objects.requireNonNull(stage, "stage");
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stage_cache WHERE stage = ?")) {
                ps.setString(1, stage);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static void requireKeys(String stage, String itemKey, String cacheKey) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(itemKey, "itemKey");
        Objects.requireNonNull(cacheKey, "cacheKey");
    }
}
