package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Lends connections of one database to units of work: reads, and write transactions that are
 * durable when {@link #write} returns. The SQLite and PostgreSQL stores each provide one; the role
 * classes of this package run on either.
 */
public interface Transactions {

    /** A unit of work on a borrowed connection. The connection must not escape the call. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs a read; it sees only committed data. */
    <T> T read(Work<T> work);

    /**
     * Runs the work in one transaction: commit if it returns, roll back if it throws. When this
     * returns, the transaction is durable. Transactions do not nest.
     */
    <T> T write(Work<T> work);

    /**
     * As {@link #write}, but not ordered with the other writes: for housekeeping that touches no
     * row another writer checks (pruning the change log), so it need not wait its turn behind them.
     */
    default <T> T writeUnordered(Work<T> work) {
        return write(work);
    }

    /**
     * A number that changes whenever any writer commits, or -1 when this process cannot know (other
     * processes write the same database): caches keyed on it are then not used.
     */
    long commits();

    /**
     * The transaction block both databases use: auto-commit off, the work, commit if it returns;
     * roll back if it throws (a failing rollback is kept as suppressed, the work's failure is the
     * one thrown); auto-commit back on either way, so the connection returns to its pool clean.
     */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (Throwable failure) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
