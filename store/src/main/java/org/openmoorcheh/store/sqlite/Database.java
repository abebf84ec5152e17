package org.openmoorcheh.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.StoreFullException;
import org.openmoorcheh.store.jdbc.Transactions;
import org.sqlite.SQLiteConfig;

/**
 * Owns the connections to one SQLite file and lends them to callbacks.
 *
 * <p>SQLite allows one writer at a time, so all writes go through a single connection guarded by a
 * lock: waiting on a Java lock is cheaper and fairer than spinning on {@code SQLITE_BUSY}. Reads use
 * a small pool of separate connections; in WAL mode each sees the last committed state and never
 * blocks the writer. Every connection is opened by {@link #open(Path)} with the same pragmas.
 */
final class Database implements Transactions, AutoCloseable {

    private static final int READERS = 4;
    private static final int PAGE_SIZE = 16_384;
    private static final long MMAP_BYTES = 1L << 30;
    /**
     * Statements a reader keeps prepared ({@link #readStatement}), the least recently used closed
     * past it: a search's hits are read with one text per count of ids.
     */
    static final int KEPT_STATEMENTS = 32;

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    /** Write transactions committed by this process, counted after each commit returns. */
    private final AtomicLong commits = new AtomicLong();

    private Database(String url) throws SQLException {
        this.url = url;
        formatIfNew(url);
        this.writer = connect();
        for (int i = 0; i < READERS; i++) {
            readers.add(new Reader(connect()));
        }
    }

    /** Opens (creating if needed) the database file and its parent directories. */
    static Database open(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException | SecurityException e) {
                throw new StoreException("cannot create the data directory " + parent + " ("
                        + e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage() + ")", e);
            }
            if (!Files.isWritable(parent)) {
                throw new StoreException("the data directory " + parent + " is not writable");
            }
        }
        try {
            return new Database("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (Exception e) {
            // A read-only file system passes the checks above as root: SQLite finds out.
            throw new StoreException("cannot open the database " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives a database that has no tables yet 16 KiB pages. The page size is fixed once the file
     * enters WAL mode, so this runs before any other pragma; an existing file keeps its size. With
     * 16 KiB pages a 3 KiB vector row no longer fills a page of its own: durable vector writes run
     * about 1.5x faster and reading hits at random costs half as much as with 4 KiB pages.
     */
    private static void formatIfNew(String url) throws SQLException {
        try (Connection connection = new SQLiteConfig().createConnection(url);
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                if (tables.next() && tables.getInt(1) > 0) {
                    return;
                }
            }
            statement.execute("PRAGMA page_size = " + PAGE_SIZE);
            statement.execute("VACUUM");
        }
    }

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // Reads through a memory map instead of copying pages into each connection's cache; writes
        // still go through the WAL as before.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
        // WAL: readers keep a snapshot while the single writer appends.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the log is synced at every commit, so an acknowledged write survives power loss.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(30_000);
        Connection connection = config.createConnection(url);
        synchronized (all) {
            all.add(connection);
        }
        return connection;
    }

    /** Runs a read on a pooled connection in autocommit mode. */
    @Override
    public <T> T read(Work<T> callback) {
        Reader reader = takeReader();
        try {
            return callback.apply(reader.connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    /**
     * Runs a read through a statement the pooled connection keeps prepared for {@code sql}. Its result
     * sets are closed by the work ({@link StatementWork}), which resets the statement: it then holds
     * no read snapshot, so checkpoints are not held back (SqliteStoreTest). A statement whose work
     * failed is closed, and prepared anew next time.
     */
    @Override
    public <T> T readStatement(String sql, StatementWork<T> work) {
        Reader reader = takeReader();
        try {
            PreparedStatement statement = reader.statement(sql);
            try {
                statement.clearParameters();
                return work.apply(statement);
            } catch (SQLException | RuntimeException e) {
                reader.drop(sql);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    private Reader takeReader() {
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    /** A reading connection and the statements it keeps prepared; used by one thread at a time (the pool's). */
    private static final class Reader {
        final Connection connection;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= KEPT_STATEMENTS) {
                    return false;
                }
                close(eldest.getValue());
                return true;
            }
        };

        Reader(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void drop(String sql) {
            PreparedStatement statement = statements.remove(sql);
            if (statement != null) {
                close(statement);
            }
        }

        private static void close(PreparedStatement statement) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // A read statement: nothing of it needs to outlive it.
            }
        }
    }

    /**
     * Runs the callback in one write transaction: commit if it returns, roll back if it throws.
     * When this method returns, the transaction is durable. Transactions do not nest.
     */
    @Override
    public <T> T write(Work<T> callback) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("transactions do not nest");
        }
        writeLock.lock();
        try {
            T result = Transactions.inTransaction(writer, callback);
            commits.incrementAndGet();
            return result;
        } catch (SQLException e) {
            if (diskFull(e) || almostNoSpaceLeft()) {
                throw new StoreFullException("the disk of " + url.substring("jdbc:sqlite:".length()) + " is full: "
                        + e.getMessage(), e);
            }
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Whether the database's file system has less than a few pages' worth of room left. SQLite does
     * not always say SQLITE_FULL: when it cannot spill its cache it rolls the transaction back itself
     * and the commit then fails with "no transaction is active".
     */
    private boolean almostNoSpaceLeft() {
        try {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            return Files.getFileStore(file).getUsableSpace() < 1024L * 1024;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether SQLite refused for want of space: SQLITE_FULL, or an I/O error whose cause is a
     * full device (the WAL or a temporary file could not grow).
     */
    static boolean diskFull(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.sqlite.SQLiteException sqlite
                    && (sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_FULL
                    || sqlite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_IOERR_WRITE)) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (message.contains("SQLITE_FULL") || message.contains("disk is full")
                    || message.contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many write transactions have committed. A value read before a read began and unchanged
     * since means nothing was written in between: this process is the file's only writer.
     */
    @Override
    public long commits() {
        return commits.get();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            synchronized (all) {
                for (Connection connection : all) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // Closing is best effort: every commit is already durable.
                    }
                }
                all.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }
}
