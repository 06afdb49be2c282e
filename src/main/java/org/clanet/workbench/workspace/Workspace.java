package org.clanet.workbench.workspace;

import org.clanet.workbench.io.AppDirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Where every pipeline stage keeps its results for one dataset: an SQLite database ({@code workspace.db})
 * for metadata and a {@code files/} folder for bulky data (masks, embeddings, models).
 *
 * <p>Thread safety: one JDBC connection, every use serialised by one lock, so worker threads may call
 * any method. SQLite allows one writer at a time anyway; batching work into transactions is what makes
 * it fast.
 */
public final class Workspace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    public static final String DEFAULT_FOLDER = ".clanet";
    public static final String DATABASE_FILE = "workspace.db";
    public static final String FILES_FOLDER = "files";

    private final Path datasetRoot;
    private final Path location;
    private final Path filesDir;
    private final Path databaseFile;
    private final Connection connection;
    private final int schemaVersion;
    private final ReentrantLock lock = new ReentrantLock();
    private int transactionDepth;
    private boolean closed;

    private final StageCache stageCache = new StageCache(this);
    private final FrameStore frames = new FrameStore(this);
    private final PatchStore patches = new PatchStore(this);
    private final RunLog runLog = new RunLog(this);
    private final ItemResultStore results = new ItemResultStore(this);

    private Workspace(Path datasetRoot, Path location, Connection connection, int schemaVersion) {
        this.datasetRoot = datasetRoot;
        this.location = location;
        this.filesDir = location.resolve(FILES_FOLDER);
        this.databaseFile = location.resolve(DATABASE_FILE);
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /**
     * Opens (creating or upgrading as needed) the workspace of a dataset.
     *
     * @param datasetRoot      the dataset folder; must exist
     * @param overrideLocation a folder chosen by the user, or null for the default: {@code <dataset>/.clanet}
     *                         when the dataset folder is writable, else a folder under
     *                         {@link AppDirs#workspaces()} named after the dataset and a hash of its path
     * @throws WorkspaceVersionException if a newer app wrote the workspace
     * @throws WorkspaceException        if the database cannot be opened, is not a workspace, or is damaged
     */
    public static Workspace open(Path datasetRoot, Path overrideLocation) {
        return open(datasetRoot, overrideLocation, Schema.migrations(), AppDirs.current(), Workspace::canWriteInto);
    }

    /** Seam for tests: other migrations, another user folder, a fake writability probe. */
    static Workspace open(Path datasetRoot, Path overrideLocation, List<Migration> migrations, AppDirs appDirs,
                          Predicate<Path> writableProbe) {
        Objects.requireNonNull(datasetRoot, "datasetRoot");
        Schema.checkOrdered(migrations);
        Path root = datasetRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new WorkspaceException("Dataset folder " + root + " does not exist or is not a folder");
        }
        Path location = overrideLocation != null
                ? overrideLocation.toAbsolutePath().normalize()
                : defaultLocation(root, appDirs, writableProbe);
        Path dbFile = location.resolve(DATABASE_FILE);
        try {
            Files.createDirectories(location.resolve(FILES_FOLDER));
        } catch (IOException e) {
            throw new WorkspaceException("Cannot create workspace folder " + location + ": " + e, e);
        }
        if (Files.isDirectory(dbFile)) {
            throw new WorkspaceException("Workspace database " + dbFile + " is a folder, not a file");
        }
        Connection connection = connect(dbFile);
        try {
            int version = Schema.migrate(connection, dbFile, migrations);
            Workspace ws = new Workspace(root, location, connection, version);
            ws.runLog.markInterrupted();
            LOG.info("Opened workspace {} (schema V{}) for dataset {}", location, version, root);
            return ws;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw asWorkspaceException(dbFile, e);
        }
    }

    /**
     * Whether a reader should open the dataset's workspace: when it exists in the dataset folder, or the folder is
     * read-only (then the workspace lives under the user's folder). Browsing never creates {@code .clanet}.
     */
    public static boolean worthOpening(Path datasetRoot) {
        return Files.isRegularFile(datasetRoot.resolve(DEFAULT_FOLDER).resolve(DATABASE_FILE))
                || !Files.isWritable(datasetRoot);
    }

    static Path defaultLocation(Path datasetRoot, AppDirs appDirs, Predicate<Path> writableProbe) {
        if (writableProbe.test(datasetRoot)) {
            return datasetRoot.resolve(DEFAULT_FOLDER);
        }
        Path fallback;
        try {
            fallback = appDirs.workspaces().resolve(fallbackName(datasetRoot));
        } catch (java.io.UncheckedIOException e) {
            throw new WorkspaceException("Dataset folder " + datasetRoot + " is not writable, and neither is the"
                    + " user folder for workspaces (" + e.getMessage() + "); choose a workspace location", e);
        }
        LOG.info("Dataset folder {} is not writable; keeping its workspace in {}", datasetRoot, fallback);
        return fallback;
    }

    /** Readable and unique per dataset path: two datasets both called "images" must not share a workspace. */
    static String fallbackName(Path datasetRoot) {
        Path name = datasetRoot.getFileName();
        String readable = name == null ? "dataset" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.isEmpty() || readable.startsWith(".")) {
            readable = "dataset" + readable;
        }
        return readable + "-" + CacheKey.sha256(datasetRoot.toString()).substring(0, 12);
    }

    /**
     * Tries for real instead of trusting {@link Files#isWritable}, which is wrong on some network file
     * systems and ACLs. Leaves {@code .clanet} behind on success, which open() uses next anyway.
     */
    static boolean canWriteInto(Path datasetRoot) {
        Path local = datasetRoot.resolve(DEFAULT_FOLDER);
        if (!Files.isDirectory(datasetRoot)) {
            return false;
        }
        try {
            if (!Files.isDirectory(local)) {
                Files.createDirectory(local);
            }
            Path probe = Files.createTempFile(local, ".probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static Connection connect(Path dbFile) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        // WAL: readers never block the writer; NORMAL sync is crash-safe in WAL (only power loss can drop
        // the last commits, never corrupt) and makes one transaction per frame affordable.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // IMMEDIATE: take the write lock at BEGIN, so a second process waits instead of failing mid-way.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(10_000);
        try {
            return config.createConnection("jdbc:sqlite:" + dbFile);
        } catch (SQLException e) {
            throw asWorkspaceException(dbFile, e);
        }
    }

    private static WorkspaceException asWorkspaceException(Path dbFile, Exception e) {
        if (e instanceof WorkspaceException we) {
            return we;
        }
        if (e instanceof SQLException sql && (sql.getErrorCode() == 26 || sql.getErrorCode() == 11)) {
            // 26 = SQLITE_NOTADB, 11 = SQLITE_CORRUPT
            return new WorkspaceException("Workspace database " + dbFile
                    + " is not an SQLite database or is damaged; move it away to start a fresh workspace ("
                    + e.getMessage() + ")", e);
        }
        return new WorkspaceException("Cannot open workspace database " + dbFile + ": " + e.getMessage(), e);
    }

    // --- where things are

    public Path datasetRoot() {
        return datasetRoot;
    }

    /** The workspace folder. */
    public Path location() {
        return location;
    }

    public Path filesDir() {
        return filesDir;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * A path under {@link #filesDir()}, e.g. {@code "embeddings/A549/seq1.bin"}. Refuses absolute paths
     * and any path that would leave the folder, since item keys may come from file names in the dataset.
     * Does not create anything.
     */
    public Path resolveFile(String relative) {
        Objects.requireNonNull(relative, "relative");
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Invalid workspace file name '" + relative + "': " + e.getMessage(), e);
        }
        if (relative.isBlank() || rel.isAbsolute() || rel.getRoot() != null) {
            throw new IllegalArgumentException("Workspace file name must be a relative path: '" + relative + "'");
        }
        Path resolved = filesDir.resolve(rel).normalize();
        if (!resolved.startsWith(filesDir) || resolved.equals(filesDir)) {
            throw new IllegalArgumentException("Workspace file name '" + relative + "' points outside " + filesDir);
        }
        return resolved;
    }

    // --- stores

    public StageCache stageCache() {
        return stageCache;
    }

    public FrameStore frames() {
        return frames;
    }

    public PatchStore patches() {
        return patches;
    }

    public RunLog runLog() {
        return runLog;
    }

    public ItemResultStore results() {
        return results;
    }

    /** Shortcut for {@link StageCache#isFresh}. */
    public boolean isFresh(String stage, String itemKey, String cacheKey) {
        return stageCache.isFresh(stage, itemKey, cacheKey);
    }

    /** Shortcut for {@link StageCache#markDone(String, String, String)}. */
    public void markDone(String stage, String itemKey, String cacheKey) {
        stageCache.markDone(stage, itemKey, cacheKey);
    }

    /** Shortcut for {@link StageCache#invalidate(String)}. */
    public void invalidate(String stage) {
        stageCache.invalidate(stage);
    }

    // --- database access

    /**
     * Runs {@code work} in one transaction: all of it is committed, or none of it if it throws. Called
     * inside another transaction on the same thread, it joins that one. Do not keep the connection.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (transactionDepth > 0) {
                transactionDepth++;
                try {
                    return work.apply(connection);
                } finally {
                    transactionDepth--;
                }
            }
            transactionDepth = 1;
            try {
                connection.setAutoCommit(false);
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(e);
                throw e;
            } finally {
                transactionDepth = 0;
                restoreAutoCommit();
            }
        } catch (SQLException e) {
            throw new WorkspaceException("Database error in workspace " + databaseFile + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #inTransaction(SqlWork)} for work without a result. */
    public void runInTransaction(SqlAction action) {
        inTransaction(c -> {
            action.run(c);
            return null;
        });
    }

    /** Runs read-only {@code work} under the workspace lock, outside any explicit transaction. */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.apply(connection);
        } catch (SQLException e) {
            throw new WorkspaceException("Database error in workspace " + databaseFile + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Also after a failed BEGIN: the driver flips its flag before it talks to SQLite. */
    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("Could not end transaction on {}", databaseFile, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Workspace " + location + " is closed");
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the database; idempotent. Waits for a transaction in progress on another thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(connection);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing workspace database failed", e);
        }
    }

    /** Used by stores: ISO-8601 UTC, the format of every time column. */
    static String now() {
        return Instant.now().toString();
    }
}
