package org.clanet.workbench.workspace;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** History of stage runs: what ran, with which parameters, and how it ended. */
public final class RunLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String INTERRUPTED_MESSAGE = "the app stopped before the run finished";
    private static final String HOST = hostName();

    private final Workspace workspace;

    RunLog(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Records a run as {@link RunStatus#RUNNING}.
     *
     * @param paramsJson the run's parameters as a JSON document (checked, so exports can parse it)
     * @return the run id
     */
    public long startRun(String stage, String paramsJson) {
        Objects.requireNonNull(stage, "stage");
        String params = paramsJson == null ? "{}" : paramsJson;
        try {
            JSON.readTree(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run parameters are not valid JSON: " + e.getOriginalMessage(), e);
        }
        return workspace.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO runs(stage, parameters, started_at, status, owner_pid, owner_host) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, stage);
                ps.setString(2, params);
                ps.setString(3, Workspace.now());
                ps.setString(4, RunStatus.RUNNING.name());
                ps.setLong(5, ProcessHandle.current().pid());
                ps.setString(6, HOST);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * Records how a run ended. Only a running run can finish, so a late or duplicate call cannot
     * overwrite the first outcome.
     *
     * @throws IllegalArgumentException if {@code status} is RUNNING
     * @throws IllegalStateException    if the run does not exist or has already finished
     */
    public void finishRun(long id, RunStatus status, String message) {
        Objects.requireNonNull(status, "status");
        if (!status.isFinished()) {
            throw new IllegalArgumentException("a run cannot finish as " + status);
        }
        int updated = workspace.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, Workspace.now());
                ps.setString(3, message);
                ps.setLong(4, id);
                ps.setString(5, RunStatus.RUNNING.name());
                return ps.executeUpdate();
            }
        });
        if (updated != 1) {
            throw new IllegalStateException("run " + id + " does not exist or has already finished");
        }
    }

    /** All runs, oldest first. */
    public List<RunRecord> runs() {
        return workspace.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, stage, parameters, started_at, finished_at, status, message"
                         + " FROM runs ORDER BY id")) {
                List<RunRecord> out = new ArrayList<>();
                while (rs.next()) {
                    String finished = rs.getString(5);
                    out.add(new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.parse(rs.getString(4)), finished == null ? null : Instant.parse(finished),
                            RunStatus.valueOf(rs.getString(6)), rs.getString(7)));
                }
                return List.copyOf(out);
            }
        });
    }

    /**
     * At open: runs still RUNNING whose process has ended (on this host), or whose owner is unknown, belong to
     * a session that stopped without finishing them. Runs of live processes, or of other hosts sharing the
     * folder, are left alone.
     */
    void markInterrupted() {
        workspace.runInTransaction(c -> {
            List<Long> dead = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, owner_pid, owner_host FROM runs WHERE status = ?")) {
                q.setString(1, RunStatus.RUNNING.name());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long pid = rs.getLong(2);
                        boolean unknown = rs.wasNull();
                        String host = rs.getString(3);
                        boolean alive = !unknown && (!HOST.equals(host)
                                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                        if (!alive) {
                            dead.add(rs.getLong(1));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ?")) {
                for (long id : dead) {
                    ps.setString(1, RunStatus.INTERRUPTED.name());
                    ps.setString(2, Workspace.now());
                    ps.setString(3, INTERRUPTED_MESSAGE);
                    ps.setLong(4, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
