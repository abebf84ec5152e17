package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.ItemFilter;
import org.openmoorcheh.store.ItemStore;
import org.openmoorcheh.store.QuotaExceededException;
import org.openmoorcheh.store.TextItem;

/**
 * Items and the item counts: the only class that writes {@code items} rows or
 * {@code namespaces.item_count}, and so the only one that checks the cap. Uploads and file versions
 * add items through {@link #checkCap} and {@link #upsert} on their own transaction's connection.
 */
final class JdbcItems implements ItemStore {


    private final Transactions database;
    private final Dialect dialect;
    private final JdbcChanges changes;

    JdbcItems(Transactions database, Dialect dialect, JdbcChanges changes) {
        this.database = database;
        this.dialect = dialect;
        this.changes = changes;
    }

    @Override
    public long totalItems() {
        return database.read(connection -> Sql.one(connection,
                "SELECT COALESCE(SUM(item_count), 0) FROM namespaces", rows -> rows.getLong(1)).orElseThrow());
    }

    @Override
    public List<TextItem> describeItems(long namespaceId, List<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<String, TextItem> found = new HashMap<>();
        for (TextItem item : IdLists.read(database, dialect, "SELECT " + Rows.TEXT_ITEM_COLUMNS + " FROM items"
                + " WHERE namespace_id = ? AND", namespaceId, distinct, Rows::textItem)) {
            found.put(item.id(), item);
        }
        List<TextItem> ordered = new ArrayList<>(found.size());
        for (String id : distinct) {
            TextItem item = found.get(id);
            if (item != null) {
                ordered.add(item);
            }
        }
        return ordered;
    }

    @Override
    public List<String> deleteItems(long namespaceId, List<String> ids) {
        return database.write(connection -> delete(connection, namespaceId, new LinkedHashSet<>(ids)));
    }

    @Override
    public List<TextItem> textItemsAfter(long namespaceId, String afterId, int limit) {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + Rows.TEXT_ITEM_COLUMNS + " FROM items"
                + " WHERE namespace_id = ? AND item_id > ? ORDER BY item_id LIMIT ?",
                Rows::textItem, namespaceId, afterId == null ? "" : afterId, limit));
    }

    @Override
    public Set<String> matchingIds(long namespaceId, ItemFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT item_id FROM items WHERE namespace_id = ?");
        List<String> parameters = new ArrayList<>();
        filter.metadataEqualsIgnoreCase().forEach((key, value) ->
                dialect.metadataEqualsIgnoringCase(sql, parameters, key, value));
        filter.metadataEqualsJson().forEach((key, json) -> dialect.metadataEqualsJson(sql, parameters, key, json));
        for (String word : filter.textContains()) {
            sql.append(" AND ").append(dialect.containsIgnoringCase("text"));
            parameters.add(word);
        }
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                query.setLong(1, namespaceId);
                for (int i = 0; i < parameters.size(); i++) {
                    query.setString(i + 2, parameters.get(i));
                }
                Set<String> ids = new HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public void forEachVector(long namespaceId, VectorSink sink) {
        database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT item_id, vector FROM items WHERE namespace_id = ? ORDER BY " + dialect.insertionOrder())) {
                query.setLong(1, namespaceId);
                query.setFetchSize(1_000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rows.getString(1), VectorBlobs.decode(rows.getBytes(2)));
                    }
                }
            }
            return null;
        });
    }

    // ---- On the caller's transaction -----------------------------------------------------------

    /** How many of the distinct ids are not yet stored in the namespace. */
    long countNew(Connection connection, long namespaceId, Collection<String> ids) throws SQLException {
        Set<String> distinct = new HashSet<>(ids);
        return distinct.size() - existing(connection, namespaceId, distinct).size();
    }

    /**
     * Checks that {@code added} more items (after {@code removed} are gone) fit the cap, counting the
     * stored items and the new ids reserved by unfinished uploads.
     *
     * @throws QuotaExceededException when they do not; the caller's transaction then writes nothing
     */
    void checkCap(Connection connection, long added, long removed, long maxItems) throws SQLException {
        long used = Sql.one(connection, "SELECT (SELECT COALESCE(SUM(item_count), 0) FROM namespaces)"
                + " + (SELECT COALESCE(SUM(" + dialect.greatest("reserved - reserved_used", "0") + "), 0) FROM jobs"
                + "    WHERE kind = 'UPLOAD' AND state = 'RUNNING')", rows -> rows.getLong(1)).orElseThrow();
        if (used - removed + added > maxItems) {
            throw new QuotaExceededException(used, maxItems, added);
        }
    }

    /**
     * Inserts or replaces items (the last of a repeated id wins), keeping the namespace's count exact,
     * and returns how many ids were new. One batched statement: per-row round trips cost more than the rows.
     */
    int upsert(Connection connection, long namespaceId, List<Item> items, Instant now) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        return upsert(connection, namespaceId, items, now,
                (int) countNew(connection, namespaceId, items.stream().map(Item::id).toList()));
    }

    /** As above, when the caller has just counted the new ids ({@link #countNew}) in this transaction. */
    int upsert(Connection connection, long namespaceId, List<Item> batch, Instant now, int inserted)
            throws SQLException {
        // One row per id, the last of a repeated id winning, at the place of its first: a multi-row
        // INSERT ... ON CONFLICT may not touch a row twice (PostgreSQL refuses the statement), and
        // the id keeps the insertion place it would have got statement by statement.
        Map<String, Item> lastOfEach = new LinkedHashMap<>();
        for (Item item : batch) {
            lastOfEach.put(item.id(), item);
        }
        List<Item> items = List.copyOf(lastOfEach.values());
        if (dialect.arrayParameters()) {
            dialect.planWithoutParameterValues(connection);
            // Every id new (counted in this transaction, under the write lock): a plain insert. An
            // upsert first probes the key for a conflict, then writes each row as a speculative
            // insertion and confirms it: 15-25% more of the database's time for the same rows.
            upsertColumns(connection, namespaceId, items, now, inserted < items.size());
        } else {
            upsertRows(connection, namespaceId, items, now);
        }
        adjustCount(connection, namespaceId, inserted);
        changes.logUpsert(connection, namespaceId, items);
        return inserted;
    }

    private static final String UPSERT_CONFLICT = " ON CONFLICT (namespace_id, item_id) DO UPDATE SET"
            + " text = excluded.text, metadata = excluded.metadata, vector = excluded.vector,"
            + " is_summary = excluded.is_summary, updated_at = excluded.updated_at";

    /**
     * The batch as one statement whose parameters are its columns ({@code unnest} of arrays): one
     * parse and plan per batch, where multi-row VALUES lists of eight parameters a row were parsed
     * and planned for every 128 rows. Without {@code someStored}, every id is new and the rows are
     * inserted without a conflict clause (a stored one would fail the statement, not be replaced).
     */
    private static void upsertColumns(Connection connection, long namespaceId, List<Item> items, Instant now,
                                      boolean someStored) throws SQLException {
        byte[][] vectors = new byte[items.size()][];
        Integer[] summaries = new Integer[items.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = VectorBlobs.encode(items.get(i).vector());
            summaries[i] = items.get(i).isSummary() ? 1 : 0;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO items"
                + " (namespace_id, item_id, text, metadata, vector, is_summary, created_at, updated_at)"
                + " SELECT ?, row.id, row.text, row.metadata, row.vector, row.summary, ?, ?"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[], ?::int[]) WITH ORDINALITY"
                // In the batch's order: each new row's seq (its insertion place) follows it.
                + " AS row (id, text, metadata, vector, summary, place) ORDER BY row.place"
                + (someStored ? UPSERT_CONFLICT : ""))) {
            long millis = now.toEpochMilli();
            upsert.setLong(1, namespaceId);
            upsert.setLong(2, millis);
            upsert.setLong(3, millis);
            upsert.setArray(4, connection.createArrayOf("text", items.stream().map(Item::id).toArray()));
            upsert.setArray(5, connection.createArrayOf("text", items.stream().map(Item::text).toArray()));
            upsert.setArray(6, connection.createArrayOf("text", items.stream().map(Item::metadataJson).toArray()));
            upsert.setArray(7, connection.createArrayOf("bytea", vectors));
            upsert.setArray(8, connection.createArrayOf("int4", summaries));
            upsert.executeUpdate();
        }
    }

    /** The batch as rows of parameters (the driver sends them as multi-row statements where it can). */
    private static void upsertRows(Connection connection, long namespaceId, List<Item> items, Instant now)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO items"
                + " (namespace_id, item_id, text, metadata, vector, is_summary, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)" + UPSERT_CONFLICT)) {
            long millis = now.toEpochMilli();
            for (Item item : items) {
                upsert.setLong(1, namespaceId);
                upsert.setString(2, item.id());
                upsert.setString(3, item.text());
                upsert.setString(4, item.metadataJson());
                upsert.setBytes(5, VectorBlobs.encode(item.vector()));
                upsert.setInt(6, item.isSummary() ? 1 : 0);
                upsert.setLong(7, millis);
                upsert.setLong(8, millis);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Deletes the ids that are stored, keeping the count exact; returns them in the given order. */
    List<String> delete(Connection connection, long namespaceId, Collection<String> ids) throws SQLException {
        List<String> deleted = new ArrayList<>();
        if (ids.isEmpty()) {
            return deleted;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM items WHERE namespace_id = ? AND item_id = ?")) {
            for (String id : ids) {
                delete.setLong(1, namespaceId);
                delete.setString(2, id);
                if (delete.executeUpdate() == 1) {
                    deleted.add(id);
                }
            }
        }
        adjustCount(connection, namespaceId, -deleted.size());
        changes.log(connection, namespaceId, org.openmoorcheh.store.Change.Kind.DELETE, deleted);
        return deleted;
    }

    /** Deletes up to {@code limit} items of a namespace (oldest first); returns how many. */
    int deleteSome(Connection connection, long namespaceId, int limit) throws SQLException {
        String order = dialect.insertionOrder();
        int deleted = Sql.update(connection, "DELETE FROM items WHERE " + order + " IN"
                + " (SELECT " + order + " FROM items WHERE namespace_id = ? ORDER BY " + order + " LIMIT ?)",
                namespaceId, limit);
        adjustCount(connection, namespaceId, -deleted);
        return deleted;
    }

    /** Ids of the namespace starting with any of the prefixes, in id order. */
    List<String> idsStartingWith(Connection connection, long namespaceId, String... prefixes) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT item_id FROM items WHERE namespace_id = ? AND (");
        Object[] parameters = new Object[prefixes.length + 1];
        parameters[0] = namespaceId;
        for (int i = 0; i < prefixes.length; i++) {
            sql.append(i == 0 ? "" : " OR ").append(dialect.idMatches());
            parameters[i + 1] = dialect.prefixPattern(prefixes[i]);
        }
        return Sql.list(connection, sql.append(") ORDER BY item_id").toString(), rows -> rows.getString(1), parameters);
    }

    private static void adjustCount(Connection connection, long namespaceId, long delta) throws SQLException {
        if (delta != 0) {
            Sql.update(connection, "UPDATE namespaces SET item_count = item_count + ? WHERE id = ?", delta, namespaceId);
        }
    }

    /** The ids of {@code ids} already stored in the namespace, asked in chunks of a few hundred. */
    private Set<String> existing(Connection connection, long namespaceId, Collection<String> ids)
            throws SQLException {
        return new HashSet<>(IdLists.select(connection, dialect, "SELECT item_id FROM items WHERE namespace_id = ? AND",
                namespaceId, List.copyOf(ids), rows -> rows.getString(1)));
    }
}
