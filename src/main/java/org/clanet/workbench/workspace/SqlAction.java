package org.clanet.workbench.workspace;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work without a result; see {@link Workspace#runInTransaction(SqlAction)}. */
@FunctionalInterface
public interface SqlAction {
    void run(Connection connection) throws SQLException;
}
