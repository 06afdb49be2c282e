package org.clanet.workbench.workspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One step of the workspace schema: brings a database from {@code version - 1} to {@code version}.
 * Applied inside a transaction with foreign keys off, so table rebuilds are possible; a foreign key
 * check runs before commit.
 */
public record Migration(int version, String description, SqlAction action) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
    }

    /** A migration made of plain SQL statements, run in order. */
    public static Migration sql(int version, String description, String... statements) {
        List<String> copy = List.of(statements);
        return new Migration(version, description, connection -> {
            try (Statement st = connection.createStatement()) {
                for (String sql : copy) {
                    st.executeUpdate(sql);
                }
            }
        });
    }

    void apply(Connection connection) throws SQLException {
        action.run(connection);
    }
}
