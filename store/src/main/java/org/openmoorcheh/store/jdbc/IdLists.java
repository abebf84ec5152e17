package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries over a list of item ids of one namespace. Where the database takes arrays as parameters
 * (PostgreSQL) the ids go as one, an array joined to the items, in one statement: a list of 500
 * placeholders was parsed and planned anew each time (a tenth of the database's time during
 * ingestion). Elsewhere (SQLite) they go as {@code IN (?, ...)} lists of at most
 * {@link #PER_STATEMENT}, well under its bound-parameter limit.
 */
final class IdLists {

    static final int PER_STATEMENT = 500;

    private IdLists() {
    }

    /**
     * Runs {@code select} (ending in {@code WHERE namespace_id = ? AND}) with the condition on
     * {@code item_id} appended, for all ids; rows in no particular order (an id listed twice may
     * come twice).
     */
    static <T> List<T> select(Connection connection, Dialect dialect, String select, long namespaceId,
                              List<String> ids, Sql.Row<T> row) throws SQLException {
        List<T> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        if (dialect.arrayParameters()) {
            found.addAll(Sql.list(connection, byArray(select), row, connection.createArrayOf("text", ids.toArray()),
                    namespaceId));
            return found;
        }
        for (int from = 0; from < ids.size(); from += PER_STATEMENT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_STATEMENT));
            found.addAll(Sql.list(connection, withInList(select, chunk.size()), row, parameters(namespaceId, chunk)));
        }
        return found;
    }

    /**
     * As {@link #select}, as one read of its own: a list that fits one {@code IN} list goes through a
     * statement the database may keep prepared ({@link Transactions#readStatement}), so the same count
     * of ids is not parsed and planned again at every search.
     */
    static <T> List<T> read(Transactions database, Dialect dialect, String select, long namespaceId, List<String> ids,
                            Sql.Row<T> row) {
        if (ids.isEmpty() || dialect.arrayParameters() || ids.size() > PER_STATEMENT) {
            return database.read(connection -> select(connection, dialect, select, namespaceId, ids, row));
        }
        return database.readStatement(withInList(select, ids.size()),
                statement -> Sql.list(statement, row, parameters(namespaceId, ids)));
    }

    /** The namespace, then the ids: the parameters of {@link #withInList}. */
    private static Object[] parameters(long namespaceId, List<String> ids) {
        Object[] parameters = new Object[ids.size() + 1];
        parameters[0] = namespaceId;
        for (int i = 0; i < ids.size(); i++) {
            parameters[i + 1] = ids.get(i);
        }
        return parameters;
    }

    /** {@code select} with its condition on {@code count} ids, as an {@code IN} list of placeholders. */
    private static String withInList(String select, int count) {
        return select + " item_id IN (" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
    }

    /**
     * {@code select} for an array of ids (the first parameter, the namespace the second): one index
     * probe per id, whatever the planner believes. "{@code item_id = ANY(?)}" was planned, while the
     * table had no statistics yet (a fresh table, a new namespace, until autovacuum's next ANALYZE),
     * as a scan of the whole namespace filtered by the list, since a list of 1,000 values of a
     * column with unknown distinct values looks as if it matches every row: checking a batch's ids
     * grew with the namespace, 15 ms at 50,000 items. A lateral subquery with a limit cannot be
     * flattened into a join, so it runs once per id, on the primary key.
     */
    static String byArray(String select) {
        return "SELECT found.* FROM unnest(?::text[]) AS wanted (id)"
                + " CROSS JOIN LATERAL (" + select + " item_id = wanted.id LIMIT 1) AS found";
    }
}
