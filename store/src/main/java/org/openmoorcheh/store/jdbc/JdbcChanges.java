package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.openmoorcheh.store.Change;
import org.openmoorcheh.store.ChangeStore;
import org.openmoorcheh.store.Item;

/**
 * The change log ({@code changes}) of a database shared by nodes: written by the roles that change
 * items or namespaces, in their own transactions, and read by each node's follower. Where the
 * database has one user (SQLite) nothing is logged and the log reads as empty.
 */
final class JdbcChanges {

    /** The channel on which a committed change is announced (PostgreSQL NOTIFY). */
    static final String CHANNEL = "moorcheh_changes";

    private final Transactions database;
    private final Dialect dialect;
    /** This open store's name among the log's readers. */
    private final String node;
    /** The items of this store's own upserts by change position (see {@link ChangeStore#takeWrittenItems}). */
    private final ConcurrentSkipListMap<Long, List<Item>> written = new ConcurrentSkipListMap<>();

    JdbcChanges(Transactions database, Dialect dialect, String node) {
        this.database = database;
        this.dialect = dialect;
        this.node = node;
    }

    /**
     * Appends one change for the given items (or a namespace-wide change when {@code ids} is null).
     * One row per write, not per item: a batch of 2,000 vectors wrote 2,000 rows, and each follower
     * read them all.
     *
     * @return the change's position, 0 when nothing was logged (no log, or no items)
     */
    long log(Connection connection, long namespaceId, Change.Kind kind, Collection<String> ids) throws SQLException {
        if (!dialect.sharedByNodes() || (ids != null && ids.isEmpty())) {
            return 0;
        }
        long seq;
        // pg_notify is delivered at commit, once per transaction: it wakes the other nodes' followers.
        // In the insert's statement, as each round trip of a write is made under the write lock.
        try (PreparedStatement insert = connection.prepareStatement("WITH logged AS (INSERT INTO changes"
                + " (namespace_id, kind, item_ids) VALUES (?, ?, ?) RETURNING seq)"
                + " SELECT seq, pg_notify('" + CHANNEL + "', '') FROM logged")) {
            insert.setLong(1, namespaceId);
            insert.setString(2, kind.name());
            if (ids == null) {
                insert.setNull(3, Types.ARRAY);
            } else {
                insert.setArray(3, connection.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                seq = rows.getLong(1);
            }
        }
        return seq;
    }

    /**
     * Appends the upsert change of {@code items} and holds them under its position for this store's
     * own follower ({@link #takeWritten}), from before the commit.
     */
    void logUpsert(Connection connection, long namespaceId, List<Item> items) throws SQLException {
        long seq = log(connection, namespaceId, Change.Kind.UPSERT, items.stream().map(Item::id).toList());
        if (seq > 0) {
            written.put(seq, items);
            while (written.size() > ChangeStore.WRITTEN_KEPT) {
                written.pollFirstEntry();
            }
        }
    }

    List<Item> takeWritten(long seq) {
        return written.remove(seq);
    }

    void forgetWrittenThrough(long position) {
        written.headMap(position, true).clear();
    }

    long lastChange() {
        if (!dialect.sharedByNodes()) {
            return 0;
        }
        // An emptied (pruned) log still reports where it was, so a node behind it sees it is behind.
        return database.read(connection -> Sql.one(connection, "SELECT GREATEST(COALESCE((SELECT MAX(seq)"
                + " FROM changes), 0), (SELECT pruned_through FROM change_horizon WHERE id = 1))",
                rows -> rows.getLong(1)).orElseThrow());
    }

    void recordApplied(long position, java.time.Instant now) {
        if (!dialect.sharedByNodes()) {
            return;
        }
        database.writeUnordered(connection -> Sql.update(connection, "INSERT INTO change_readers (node, applied,"
                + " seen_at) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET applied = EXCLUDED.applied,"
                + " seen_at = EXCLUDED.seen_at", node, position, now.toEpochMilli()));
    }

    long prunedThrough() {
        if (!dialect.sharedByNodes()) {
            return 0;
        }
        return database.read(connection -> Sql.one(connection, "SELECT pruned_through FROM change_horizon WHERE id = 1",
                rows -> rows.getLong(1)).orElse(0L));
    }

    /**
     * One batch of pruning, in a transaction of its own that takes no write turn: only changes at or
     * before every live reader's position go, and those are committed and read by all, so no writer
     * or reader touches them. The horizon row is locked first, so prunes of two nodes take turns.
     */
    int pruneChanges(java.time.Instant liveSince, int limit) {
        if (!dialect.sharedByNodes()) {
            return 0;
        }
        return database.writeUnordered(connection -> {
            Sql.one(connection, "SELECT pruned_through FROM change_horizon WHERE id = 1 FOR UPDATE", rows -> rows.getLong(1));
            Sql.update(connection, "DELETE FROM change_readers WHERE seen_at < ?", liveSince.toEpochMilli());
            long horizon = Sql.one(connection, "SELECT COALESCE(MIN(applied), 0) FROM change_readers",
                    rows -> rows.getLong(1)).orElse(0L);
            if (horizon == 0) {
                return 0; // nobody has said where they are: nothing is known to be read
            }
            long[] gone = Sql.one(connection, "WITH gone AS (DELETE FROM changes WHERE seq IN (SELECT seq FROM changes"
                    + " WHERE seq <= ? ORDER BY seq LIMIT ?) RETURNING seq) SELECT count(*), COALESCE(MAX(seq), 0) FROM gone",
                    rows -> new long[] {rows.getLong(1), rows.getLong(2)}, horizon, limit).orElseThrow();
            if (gone[0] > 0) {
                Sql.update(connection, "UPDATE change_horizon SET pruned_through = GREATEST(pruned_through, ?) WHERE id = 1",
                        gone[1]);
            }
            return (int) gone[0];
        });
    }

    List<Change> changesAfter(long position, int limit) {
        if (!dialect.sharedByNodes()) {
            return List.of();
        }
        // item_id: one item per row, as written before schema 4 (a log may still hold such rows).
        return database.read(connection -> Sql.list(connection,
                "SELECT seq, namespace_id, kind, item_id, item_ids FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                rows -> new Change(rows.getLong(1), rows.getLong(2), Change.Kind.valueOf(rows.getString(3)),
                        itemIds(rows.getString(4), rows.getArray(5))), position, limit));
    }

    private static List<String> itemIds(String single, java.sql.Array many) throws SQLException {
        if (many != null) {
            try {
                return List.of((String[]) many.getArray());
            } finally {
                many.free();
            }
        }
        return single == null ? List.of() : List.of(single);
    }

    List<Item> itemsById(long namespaceId, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        return database.read(connection -> {
            List<Item> found = IdLists.select(connection, dialect, "SELECT item_id, text, metadata, vector, is_summary"
                    + " FROM items WHERE namespace_id = ? AND", namespaceId, all,
                    rows -> new Item(rows.getString(1), rows.getString(2), rows.getString(3),
                            VectorBlobs.decode(rows.getBytes(4)), rows.getInt(5) != 0));
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
