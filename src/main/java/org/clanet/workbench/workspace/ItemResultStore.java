package org.clanet.workbench.workspace;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Small per-item results of a stage as JSON text (a sequence's prediction: probabilities and attention), for
 * stages whose results are not worth a table of their own. Bulky data (embeddings) goes to files instead.
 */
public final class ItemResultStore {

    private final Workspace workspace;

    ItemResultStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Replaces the item's result; joins the caller's transaction when there is one. */
    public void put(String stage, String itemKey, String payloadJson) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(itemKey, "itemKey");
        Objects.requireNonNull(payloadJson, "payloadJson");
        workspace.runInTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO item_results(stage, item_key, payload) VALUES (?, ?, ?)")) {
                ps.setString(1, stage);
                ps.setString(2, itemKey);
                ps.setString(3, payloadJson);
                ps.executeUpdate();
            }
        });
    }

    public Optional<String> get(String stage, String itemKey) {
        return workspace.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload FROM item_results WHERE stage = ? AND item_key = ?")) {
                ps.setString(1, stage);
                ps.setString(2, itemKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Every result of a stage whose item key starts with {@code prefix} (e.g. one model's predictions). */
    public Map<String, String> all(String stage, String prefix) {
        return workspace.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT item_key, payload FROM item_results WHERE stage = ? AND item_key >= ? ORDER BY item_key")) {
                ps.setString(1, stage);
                ps.setString(2, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString(1).startsWith(prefix)) {
                            break;
                        }
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }
}
