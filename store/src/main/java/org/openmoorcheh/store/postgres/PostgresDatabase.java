package org.openmoorcheh.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.StoreUnavailableException;
import org.openmoorcheh.store.jdbc.Transactions;

/**
 * A pool of connections to one PostgreSQL database (HikariCP), shared by every node of a cluster.
 *
 * <p>Every write transaction first takes one transaction-scoped advisory lock, so writes are
 * serialised across all nodes as SQLite serialises them in one process: the role classes check,
 * then write (the cap, new ids, a namespace name), and two nodes doing that at once must not both
 * pass a check only one of them may pass. Reads take no lock and see committed data (READ
 * COMMITTED). A write returns after PostgreSQL's commit, which is durable with the server's default
 * {@code synchronous_commit = on}.
 */
final class PostgresDatabase implements Transactions, AutoCloseable {

    /** The advisory lock key of item writes: any constant shared by every node. */
    static final long WRITE_LOCK = 0x6d6f6f7263686568L;
    private static final int POOL_SIZE = 16;
    /**
     * Longest wait for a connection. While the database is away a request needing it fails after
     * this with {@link StoreUnavailableException} (a 503 with Retry-After) instead of hanging: 30 s,
     * Hikari's default, made every request of a node time out at the client during a restart of
     * PostgreSQL, and balancers marked every node dead at once. Writes queue on an advisory lock
     * while holding a connection, hence a pool of 16 rather than 8.
     */
    static final int CONNECTION_TIMEOUT_MILLIS = 1_000;

    private final HikariDataSource pool;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects to the database of a {@code jdbc:postgresql://...} URL (user and password may be in it). */
    static PostgresDatabase connect(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(POOL_SIZE);
        // A few connections kept open, so the first requests after start or a quiet spell do not each
        // wait for one to be made (a fresh PostgreSQL backend costs tens of milliseconds, more under load).
        config.setMinimumIdle(4);
        config.setPoolName("moorcheh-postgres");
        // Batches of inserts (an upload's items, its change-log rows) go as multi-row statements:
        // one round trip per few hundred rows instead of one per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // No server-side prepared statements: after five runs PostgreSQL would switch a statement to
        // a generic plan, and for "item_id IN (500 parameters)" that plan is a sequential scan. Reading
        // back 1,000 items of a 30,000-item table took 1 s instead of 40 ms (ingestion fell to 1,200
        // vectors/s).
        config.addDataSourceProperty("prepareThreshold", "0");
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(500);
        // A host that does not answer at all (not just refuses) must not hold a request longer either.
        config.addDataSourceProperty("connectTimeout", "1");
        // Fail at start-up, not at the first request, when the database is unreachable.
        config.setInitializationFailTimeout(30_000);
        try {
            return new PostgresDatabase(new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + withoutPassword(url) + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Runs a read in a read-only transaction: the driver streams large results (the vectors of a
     * namespace at start-up) in pages of the statement's fetch size only inside a transaction.
     */
    @Override
    public <T> T read(Work<T> work) {
        return withConnection("read", connection -> {
            connection.setReadOnly(true);
            try {
                return Transactions.inTransaction(connection, work);
            } finally {
                connection.setReadOnly(false);
            }
        });
    }

    @Override
    public <T> T write(Work<T> work) {
        return withConnection("write", connection -> Transactions.inTransaction(connection, locked -> {
            // One writer at a time across the cluster, until this transaction ends.
            try (Statement lock = locked.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
            return work.apply(locked);
        }));
    }

    /** A transaction without the cluster's write lock: item writes go on meanwhile. */
    @Override
    public <T> T writeUnordered(Work<T> work) {
        return withConnection("write", connection -> Transactions.inTransaction(connection, work));
    }

    /**
     * Runs work on a pooled connection. A failure on a connection that is now closed (the server
     * shut it, or the pool evicted it as broken) is the database going away, whatever the message.
     */
    private <T> T withConnection(String what, Work<T> work) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        try (connection) {
            return work.apply(connection);
        } catch (SQLException e) {
            if (!unavailable(e) && closed(connection)) {
                throw new StoreUnavailableException("the database is unavailable (" + what + "): " + e.getMessage(), e);
            }
            throw failure(what, e);
        }
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed() || !connection.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Other nodes commit too: this process cannot count every commit, so nothing is cached on it. */
    @Override
    public long commits() {
        return -1;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The URL with any {@code password=...} parameter blanked, for messages and logs. */
    /** A failure as the store reports it: unavailable (retry later) or not. */
    static StoreException failure(String what, SQLException e) {
        if (unavailable(e)) {
            return new StoreUnavailableException("the database is unavailable (" + what + "): " + rootMessage(e), e);
        }
        return new StoreException("database " + what + " failed: " + e.getMessage(), e);
    }

    /**
     * Whether a failure means the database could not be reached rather than that it refused the work:
     * no connection within the wait (Hikari), a connection error (SQLSTATE class 08), the server
     * shutting down, crashed or starting (57P01-57P03), or the socket failing.
     */
    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.net.SocketException
                    || cause instanceof java.io.EOFException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
