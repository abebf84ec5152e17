package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.store.Change;
import org.openmoorcheh.store.Item;

/**
 * The change log ({@code changes}) of a database shared by nodes: written by the roles that change
 * items or namespaces, in their own transactions, and read by each node's follower. Where the
 * database has one user (SQLite) nothing is logged and the log reads as empty.
 */
final class JdbcChanges {

    /** The channel on which a committed change is announced (PostgreSQL NOTIFY). */
    static final String CHANNEL = "moorcheh_changes";
    private static final int ID_QUERY_CHUNK = 500;

    private final Transactions database;
    private final Dialect dialect;

    JdbcChanges(Transactions database, Dialect dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    /** Appends changes of the given items (or one namespace-wide change when {@code ids} is null). */
    void log(Connection connection, long namespaceId, Change.Kind kind, Collection<String> ids) throws SQLException {
        if (!dialect.sharedByNodes() || (ids != null && ids.isEmpty())) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO changes (namespace_id, kind, item_id) VALUES (?, ?, ?)")) {
            for (String id : ids == null ? Collections.<String>singletonList(null) : ids) {
                insert.setLong(1, namespaceId);
                insert.setString(2, kind.name());
                insert.setString(3, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement notify = connection.createStatement()) {
            // Delivered at commit, once per transaction: wakes the other nodes' followers.
            notify.execute("NOTIFY " + CHANNEL);
        }
    }

    long lastChange() {
        if (!dialect.sharedByNodes()) {
            return 0;
        }
        return database.read(connection -> Sql.one(connection, "SELECT COALESCE(MAX(seq), 0) FROM changes",
                rows -> rows.getLong(1)).orElseThrow());
    }

    List<Change> changesAfter(long position, int limit) {
        if (!dialect.sharedByNodes()) {
            return List.of();
        }
        return database.read(connection -> Sql.list(connection,
                "SELECT seq, namespace_id, kind, item_id FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                rows -> new Change(rows.getLong(1), rows.getLong(2), Change.Kind.valueOf(rows.getString(3)),
                        rows.getString(4)), position, limit));
    }

    List<Item> itemsById(long namespaceId, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        return database.read(connection -> {
            List<Item> found = new ArrayList<>();
            for (int from = 0; from < all.size(); from += ID_QUERY_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_QUERY_CHUNK));
                Object[] parameters = new Object[chunk.size() + 1];
                parameters[0] = namespaceId;
                for (int i = 0; i < chunk.size(); i++) {
                    parameters[i + 1] = chunk.get(i);
                }
                found.addAll(Sql.list(connection, "SELECT item_id, text, metadata, vector, is_summary FROM items"
                        + " WHERE namespace_id = ? AND item_id IN (" + String.join(", ", Collections.nCopies(
                                chunk.size(), "?")) + ")",
                        rows -> new Item(rows.getString(1), rows.getString(2), rows.getString(3),
                                VectorBlobs.decode(rows.getBytes(4)), rows.getInt(5) != 0), parameters));
            }
            // In the order asked: a follower adds new ids to its index in log order, as a rebuild would.
            Map<String, Item> byId = new HashMap<>();
            found.forEach(item -> byId.put(item.id(), item));
            List<Item> ordered = new ArrayList<>(found.size());
            for (String id : all) {
                Item item = byId.remove(id);
                if (item != null) {
                    ordered.add(item);
                }
            }
            return ordered;
        });
    }
}
