package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
     * A unit of work on one statement, its parameters unset. Every result set it opens is closed
     * before it returns (a statement kept prepared must hold no read open between calls).
     */
    @FunctionalInterface
    interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs a read through one statement of {@code sql}. A database may keep the statement prepared on
     * its connection for the next read of the same text (SQLite: preparing was half of reading a
     * search's ten hits, docs/BENCHMARKS.md); by default it is prepared for the call and closed.
     */
    default <T> T readStatement(String sql, StatementWork<T> work) {
        return read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.apply(statement);
            }
        });
    }

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
