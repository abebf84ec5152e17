package org.openmoorcheh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.postgres.PostgresServer;
import org.openmoorcheh.store.postgres.PostgresStore;

/**
 * How PostgreSQL stores and finds items during ingestion. The id-list query, on a table that has
 * never been analysed (a fresh database, as during a first ingestion), must probe the primary key
 * once per id, not scan the namespace and filter it by the list: the plan is checked rather than a
 * time, which is the same on any machine.
 */
class PostgresIngestionIT {

    private static final int STORED = 20_000;

    private String url;
    private Connection connection;

    @BeforeEach
    void freshTableWithoutStatistics() throws Exception {
        url = PostgresServer.shared().freshDatabase();
        PostgresStore.open(url).close();
        connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            // No ANALYZE may run during the test: the planner must plan without statistics.
            statement.execute("ALTER TABLE items SET (autovacuum_enabled = false)");
            statement.execute("INSERT INTO namespaces (id, name, type, state, created_at)"
                    + " VALUES (1, 'ns', 'VECTOR', 'ACTIVE', 0)");
            statement.execute("INSERT INTO items (namespace_id, item_id, metadata, vector, created_at, updated_at)"
                    + " SELECT 1, 'v' || g, '{}', '\\x0000803f'::bytea, 0, 0 FROM generate_series(0, "
                    + (STORED - 1) + ") g");
        }
    }

    @AfterEach
    void drop() throws Exception {
        connection.close();
        PostgresServer.shared().drop(url);
    }

    @Test
    void aBatchOfIdsIsCheckedByOneProbeOfThePrimaryKeyPerId() throws Exception {
        List<String> asked = new ArrayList<>();
        for (int i = STORED - 500; i < STORED + 500; i++) {
            asked.add("v" + i);
        }
        String select = IdLists.byArray("SELECT item_id FROM items WHERE namespace_id = ? AND");

        StringBuilder plan = new StringBuilder();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + select)) {
            explain.setArray(1, connection.createArrayOf("text", asked.toArray()));
            explain.setLong(2, 1);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1));
                }
            }
        }
        assertThat(plan.toString())
                .contains("\"Index Name\": \"items_pkey\"")
                .contains("item_id = wanted.id")
                .doesNotContain("items_in_order")
                .doesNotContain("Rows Removed by Filter")
                .doesNotContain("\"Seq Scan\"");

        Set<String> found = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(select)) {
            query.setArray(1, connection.createArrayOf("text", asked.toArray()));
            query.setLong(2, 1);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        assertThat(found).hasSize(500).allMatch(id -> Integer.parseInt(id.substring(1)) < STORED);
    }

    /**
     * A 768-d vector (3,072 bytes) stays in its row (schema 6): no TOAST chunk is written for it, where
     * the default target of 2,032 bytes put each one out of line in two. Vectors never go through pglz
     * (schema 5), which gave up on every one after scanning it.
     */
    @Test
    void a768DimensionalVectorIsKeptInItsRowAndNeverCompressed() throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO items (namespace_id, item_id, metadata, vector, created_at, updated_at)"
                    + " VALUES (1, 'wide', '{\"k\": \"v\"}', decode(repeat('0000803f', 768), 'hex'), 0, 0)");
            assertThat(count(statement, "SELECT count(*) FROM " + toastTable(statement, "items"))).isZero();
            assertThat(count(statement, "SELECT pg_column_size(vector) FROM items WHERE item_id = 'wide'"))
                    .as("stored uncompressed").isGreaterThanOrEqualTo(3_072);
            try (ResultSet rows = statement.executeQuery("SELECT c.relname, a.attstorage,"
                    + " array_to_string(c.reloptions, ',') FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                    + " WHERE a.attname = 'vector' AND c.relname IN ('items', 'job_items')")) {
                int tables = 0;
                while (rows.next()) {
                    assertThat(rows.getString(2)).as(rows.getString(1)).isEqualTo("e");
                    assertThat(rows.getString(3)).as(rows.getString(1)).contains("toast_tuple_target=8160");
                    tables++;
                }
                assertThat(tables).isEqualTo(2);
            }
        }
    }

    /**
     * Items name a namespace that exists (schema 7): checked once per statement by a trigger rather
     * than per row by a foreign key, whose per-row query was a quarter of a batch upsert's time. The
     * guarantee is the key's: an insert naming an unknown namespace fails with its SQLSTATE and
     * writes nothing, and a namespace with items cannot be deleted.
     */
    @Test
    void itemsNameANamespaceThatExistsCheckedOncePerStatement() throws Exception {
        try (Statement statement = connection.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM pg_constraint"
                    + " WHERE conrelid = 'items'::regclass AND contype = 'f'")).as("foreign keys on items").isZero();

            statement.execute("INSERT INTO namespaces (id, name, type, state, created_at)"
                    + " VALUES (2, 'other', 'VECTOR', 'ACTIVE', 0)");
            assertThatThrownBy(() -> statement.execute(
                    "INSERT INTO items (namespace_id, item_id, metadata, vector, created_at, updated_at)"
                    + " VALUES (2, 'kept', '{}', '\\x00', 0, 0), (3, 'orphan', '{}', '\\x00', 0, 0)"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            assertThat(count(statement, "SELECT count(*) FROM items WHERE namespace_id IN (2, 3)")).isZero();

            statement.execute("INSERT INTO items (namespace_id, item_id, metadata, vector, created_at, updated_at)"
                    + " VALUES (2, 'kept', '{}', '\\x00', 0, 0)");
            assertThatThrownBy(() -> statement.execute("DELETE FROM namespaces WHERE id = 2"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            statement.execute("DELETE FROM items WHERE namespace_id = 2");
            statement.execute("DELETE FROM namespaces WHERE id = 2");
            assertThat(count(statement, "SELECT count(*) FROM namespaces WHERE id = 2")).isZero();
        }
    }

    /**
     * A batch of new ids goes as a plain insert, a batch with a stored id as the upsert; both store
     * the same columns, a repeated id's last values win, and new rows take their insertion places in
     * the batch's order.
     */
    @Test
    void newItemsAreInsertedAsTheUpsertWritesThemInTheBatchsOrder() throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO namespaces (id, name, type, vector_dimension, state, created_at)"
                    + " VALUES (5, 'inserted', 'VECTOR', 2, 'ACTIVE', 0)");
        }
        Instant first = Instant.ofEpochMilli(1_700_000_000_123L);
        List<Item> batch = List.of(
                new Item("z-last-by-name", null, "{}", new float[] {1.5f, -2f}, false),
                new Item("é ü 中", "texte accentué", "{\"k\": \"ß\"}", new float[] {0f, Float.MIN_VALUE}, true),
                new Item("a-first-by-name", "", "{\"n\": 1}", new float[] {-0f, 3.25e-7f}, false),
                new Item("z-last-by-name", null, "{\"repeated\": true}", new float[] {7f, 8f}, false));
        try (PostgresStore store = PostgresStore.open(url)) {
            assertThat(store.applyUpload(5, "job-inserted", batch, 1_000_000, first)).isPresent();
            assertThat(rows()).containsExactly(
                    "z-last-by-name|null|{\"repeated\": true}|" + hex(7f, 8f) + "|0|1700000000123|1700000000123",
                    "é ü 中|texte accentué|{\"k\": \"ß\"}|" + hex(0f, Float.MIN_VALUE) + "|1|1700000000123|1700000000123",
                    "a-first-by-name||{\"n\": 1}|" + hex(-0f, 3.25e-7f) + "|0|1700000000123|1700000000123");

            Instant second = first.plusSeconds(1);
            assertThat(store.applyUpload(5, "job-updated", List.of(
                    new Item("new-one", null, "{}", new float[] {1f, 1f}, false),
                    new Item("é ü 中", null, "{}", new float[] {2f, 2f}, false)), 1_000_000, second)).isPresent();
            assertThat(rows()).containsExactly(
                    "z-last-by-name|null|{\"repeated\": true}|" + hex(7f, 8f) + "|0|1700000000123|1700000000123",
                    "é ü 中|null|{}|" + hex(2f, 2f) + "|0|1700000000123|1700000001123",
                    "a-first-by-name||{\"n\": 1}|" + hex(-0f, 3.25e-7f) + "|0|1700000000123|1700000000123",
                    "new-one|null|{}|" + hex(1f, 1f) + "|0|1700000001123|1700000001123");
        }
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT item_id, text, metadata, encode(vector, 'hex'),"
                     + " is_summary, created_at, updated_at FROM items WHERE namespace_id = 5 ORDER BY seq")) {
            while (found.next()) {
                rows.add(found.getString(1) + "|" + found.getString(2) + "|" + found.getString(3) + "|"
                        + found.getString(4) + "|" + found.getInt(5) + "|" + found.getLong(6) + "|" + found.getLong(7));
            }
        }
        return rows;
    }

    /** Little-endian float32, as the upsert has always stored vectors. */
    private static String hex(float... values) {
        StringBuilder hex = new StringBuilder();
        for (float value : values) {
            int bits = Integer.reverseBytes(Float.floatToRawIntBits(value));
            hex.append(String.format("%08x", bits));
        }
        return hex.toString();
    }

    private static String toastTable(Statement statement, String table) throws Exception {
        try (ResultSet rows = statement.executeQuery(
                "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = '" + table + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
