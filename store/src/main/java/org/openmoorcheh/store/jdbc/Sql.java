package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One-statement helpers: prepare, bind the parameters in order, run, close. Statements that run in
 * a loop keep their own {@link PreparedStatement} so they are prepared once.
 */
public final class Sql {

    /** Maps the current row; must not advance the result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private Sql() {
    }

    public static <T> Optional<T> one(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(row.map(rows)) : Optional.empty();
        }
    }

    public static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return list(statement, row);
        }
    }

    /**
     * The rows of a statement already prepared, with {@code parameters} bound first (none: as bound);
     * its result set is closed before this returns, so a statement kept for reuse holds no read open.
     */
    public static <T> List<T> list(PreparedStatement statement, Row<T> row, Object... parameters)
            throws SQLException {
        bind(statement, parameters);
        try (ResultSet rows = statement.executeQuery()) {
            List<T> all = new ArrayList<>();
            while (rows.next()) {
                all.add(row.map(rows));
            }
            return all;
        }
    }

    /** @return the number of rows changed */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
