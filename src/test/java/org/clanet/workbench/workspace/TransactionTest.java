package org.clanet.workbench.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;




import java.sql.SQLException;
import java.util.List;



import org.junit.jupiter.api.Test;


class TransactionTest extends OpenWorkspaceTest {

    @Test
    void returnsTheResultAndCommits() {
        int n = ws.inTransaction(c -> {
            MigrationTest.exec(c, "INSERT INTO frames(rel_path) VALUES ('a'), ('b')");
            return 2;
        });
        assertEquals(2, n);
        assertEquals("2", ws.read(c -> MigrationTest.single(c, "SELECT COUNT(*) FROM frames")));
    }

    @Test
    void everythingRollsBackWhenTheWorkThrows() {
        ws.patches().put("f1.tif", "old", PatchStoreTest.patches(3, 1));
        RuntimeException boom = new RuntimeException("worker crashed after writing half");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ws.runInTransaction(c -> {
            ws.patches().put("f1.tif", "new", PatchStoreTest.patches(5, 2)); // joins this transaction
            ws.patches().put("f2.tif", "new", PatchStoreTest.patches(5, 3));
            throw boom;
        }));
        assertEquals(boom, thrown);
        assertEquals(PatchStoreTest.patches(3, 1), ws.patches().get("f1.tif"));
        assertTrue(ws.isFresh("select", "f1.tif", "old"));
        assertFalse(ws.isFresh("select", "f1.tif", "new"));
        assertFalse(ws.isFresh("select", "f2.tif", "new"));
        assertEquals(List.of(), ws.patches().get("f2.tif"));
        // The connection is usable again afterwards.
        ws.patches().put("f2.tif", "new", PatchStoreTest.patches(1, 3));
        assertTrue(ws.patches().hasPatches("f2.tif"));
    }

    @Test
    void sqlErrorsBecomeWorkspaceExceptionsNamingTheDatabase() {
        WorkspaceException e = assertThrows(WorkspaceException.class,
                () -> ws.runInTransaction(c -> MigrationTest.exec(c, "INSERT INTO no_such_table VALUES (1)")));
        assertInstanceOf(SQLException.class, e.getCause());
        assertTrue(e.getMessage().contains(ws.databaseFile().toString()), e.getMessage());
    }

    @Test
    void innerFailureRollsBackTheOuterTransactionToo() {
        assertThrows(IllegalStateException.class, () -> ws.runInTransaction(c -> {
            MigrationTest.exec(c, "INSERT INTO frames(rel_path) VALUES ('outer')");
            ws.runInTransaction(inner -> {
                MigrationTest.exec(inner, "INSERT INTO frames(rel_path) VALUES ('inner')");
                throw new IllegalStateException("inner failed");
            });
        }));
        assertEquals("0", ws.read(c -> MigrationTest.single(c, "SELECT COUNT(*) FROM frames")));
    }
}
