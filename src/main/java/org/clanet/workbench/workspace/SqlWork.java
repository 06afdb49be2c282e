package org.clanet.workbench.workspace;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work that returns a value; see {@link Workspace#inTransaction(SqlWork)}. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
