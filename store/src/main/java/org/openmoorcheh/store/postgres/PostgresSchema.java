package org.openmoorcheh.store.postgres;

import java.sql.Statement;
import java.util.List;
import org.openmoorcheh.store.jdbc.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL schema as an ordered list of migrations; {@code schema_version} records how many
 * have been applied. Each runs in one write transaction with the version bump, under the cluster's
 * write lock ({@link PostgresDatabase}), so nodes starting together migrate once. Append-only.
 *
 * <p>The tables are SQLite's (schema 5) with PostgreSQL types: times in epoch milliseconds
 * ({@code BIGINT}), metadata as JSON text, vectors as little-endian float32 {@code BYTEA}, and a
 * {@code seq} column on items for their insertion order (SQLite's {@code rowid}). Ids and names are
 * {@code COLLATE "C"}: byte order, as in SQLite, so paging and listings sort alike on both.
 */
final class PostgresSchema {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);

    private static final List<String> MIGRATIONS = List.of(
            // 1: everything SQLite has at its schema 5.
            """
            CREATE TABLE namespaces (
              id                 BIGSERIAL PRIMARY KEY,
              name               TEXT COLLATE "C" NOT NULL UNIQUE,
              type               TEXT    NOT NULL CHECK (type IN ('TEXT', 'VECTOR')),
              vector_dimension   INTEGER,
              state              TEXT    NOT NULL CHECK (state IN ('ACTIVE', 'DELETING')),
              item_count         BIGINT  NOT NULL DEFAULT 0,
              created_at         BIGINT  NOT NULL,
              embedding_provider TEXT,
              embedding_model    TEXT
            );
            CREATE TABLE items (
              seq          BIGSERIAL UNIQUE,
              namespace_id BIGINT  NOT NULL REFERENCES namespaces (id),
              item_id      TEXT COLLATE "C" NOT NULL,
              text         TEXT,
              metadata     TEXT    NOT NULL,
              vector       BYTEA   NOT NULL,
              is_summary   INTEGER NOT NULL DEFAULT 0,
              created_at   BIGINT  NOT NULL,
              updated_at   BIGINT  NOT NULL,
              PRIMARY KEY (namespace_id, item_id)
            );
            CREATE INDEX items_in_order ON items (namespace_id, seq);
            CREATE TABLE jobs (
              seq                 BIGSERIAL PRIMARY KEY,
              job_id              TEXT    NOT NULL UNIQUE,
              kind                TEXT    NOT NULL,
              namespace_name      TEXT    NOT NULL,
              namespace_id        BIGINT  NOT NULL,
              state               TEXT    NOT NULL,
              total               BIGINT  NOT NULL DEFAULT 0,
              processed           BIGINT  NOT NULL DEFAULT 0,
              successful          BIGINT  NOT NULL DEFAULT 0,
              failed              BIGINT  NOT NULL DEFAULT 0,
              summaries_created   BIGINT  NOT NULL DEFAULT 0,
              items_deleted       BIGINT  NOT NULL DEFAULT 0,
              reserved            BIGINT  NOT NULL DEFAULT 0,
              reserved_used       BIGINT  NOT NULL DEFAULT 0,
              file_id             TEXT,
              absolute_path       TEXT,
              last_error          TEXT,
              started_at          BIGINT  NOT NULL,
              updated_at          BIGINT  NOT NULL,
              finished_at         BIGINT,
              chunks_committed    BIGINT  NOT NULL DEFAULT 0,
              summaries_committed BIGINT  NOT NULL DEFAULT 0
            );
            CREATE INDEX jobs_by_state ON jobs (state, seq);
            CREATE TABLE job_items (
              job_seq  BIGINT  NOT NULL REFERENCES jobs (seq),
              position INTEGER NOT NULL,
              item_id  TEXT    NOT NULL,
              text     TEXT,
              metadata TEXT    NOT NULL,
              vector   BYTEA,
              PRIMARY KEY (job_seq, position)
            );
            CREATE TABLE files (
              namespace_id  BIGINT  NOT NULL REFERENCES namespaces (id),
              file_id       TEXT    NOT NULL,
              absolute_path TEXT COLLATE "C" NOT NULL,
              filename      TEXT COLLATE "C" NOT NULL,
              file_type     TEXT    NOT NULL,
              file_size     BIGINT,
              file_mtime    BIGINT,
              chunk_count   BIGINT  NOT NULL DEFAULT 0,
              summary_count BIGINT  NOT NULL DEFAULT 0,
              status        TEXT    NOT NULL,
              ingested_at   BIGINT,
              last_error    TEXT,
              metadata      TEXT    NOT NULL DEFAULT '{}',
              PRIMARY KEY (namespace_id, file_id)
            );
            CREATE TABLE index_calibrations (
              namespace_id  BIGINT  PRIMARY KEY REFERENCES namespaces (id),
              calibrated_at INTEGER NOT NULL,
              thresholds    BYTEA   NOT NULL
            );
            CREATE TABLE api_keys (
              id           TEXT    PRIMARY KEY,
              name         TEXT    NOT NULL,
              role         TEXT    NOT NULL CHECK (role IN ('read', 'write', 'admin')),
              secret_hash  BYTEA   NOT NULL,
              created_at   BIGINT  NOT NULL,
              last_used_at BIGINT
            );
            """,
            // 2: job leases (the node running a job and until when) and the change log the nodes follow.
            """
            ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
            ALTER TABLE jobs ADD COLUMN lease_until BIGINT;
            CREATE TABLE changes (
              seq          BIGSERIAL PRIMARY KEY,
              namespace_id BIGINT NOT NULL,
              kind         TEXT   NOT NULL,
              item_id      TEXT
            );
            """,
            // 3: where each node is in the change log, and how far the log has been pruned.
            """
            CREATE TABLE change_readers (
              node     TEXT   PRIMARY KEY,
              applied  BIGINT NOT NULL,
              seen_at  BIGINT NOT NULL
            );
            CREATE TABLE change_horizon (
              id             INTEGER PRIMARY KEY CHECK (id = 1),
              pruned_through BIGINT  NOT NULL
            );
            INSERT INTO change_horizon (id, pruned_through) VALUES (1, 0);
            """,
            // 4: one change per write, naming all its items (item_id stays for rows written before).
            """
            ALTER TABLE changes ADD COLUMN item_ids TEXT[];
            """,
            // 5: vectors stored out of line without first trying to compress them. Float32 values do
            // not compress (pglz gave up on every one after scanning it: 9% of the database's time
            // during ingestion). Only rows written from now on are affected; nothing is rewritten.
            """
            ALTER TABLE items ALTER COLUMN vector SET STORAGE EXTERNAL;
            ALTER TABLE job_items ALTER COLUMN vector SET STORAGE EXTERNAL;
            """,
            // 6: rows kept whole up to a page (8,160 bytes) instead of 2,032: a 768-d vector (3 KB)
            // stays in its row rather than going out of line as two TOAST chunks, each a tuple of its
            // own with an index entry (two thirds of an upsert's time in the database). Longer rows
            // still go out of line, the largest values first. Only rows written from now on.
            """
            ALTER TABLE items SET (toast_tuple_target = 8160);
            ALTER TABLE job_items SET (toast_tuple_target = 8160);
            """,
            // 7: items name a namespace that exists, checked once per statement instead of once per
            // row. The foreign key ran a query per item inserted (a quarter of a batch upsert's time);
            // these triggers keep its guarantee: an insert naming a namespace that does not exist
            // fails with the same SQLSTATE (23503), the named namespaces are locked as the key
            // locked them, and a namespace is not deleted while it has items.
            """
            ALTER TABLE items DROP CONSTRAINT items_namespace_id_fkey;
            CREATE FUNCTION items_name_namespaces() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              named BIGINT;
              locked BIGINT;
            BEGIN
              SELECT count(DISTINCT namespace_id) INTO named FROM added;
              SELECT count(*) INTO locked FROM (SELECT 1 FROM namespaces
                WHERE id IN (SELECT namespace_id FROM added) FOR KEY SHARE) AS existing;
              IF locked < named THEN
                RAISE EXCEPTION 'an item names a namespace that does not exist'
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN NULL;
            END $$;
            CREATE TRIGGER items_name_namespaces AFTER INSERT ON items
              REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION items_name_namespaces();
            CREATE FUNCTION namespaces_deleted_empty() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF EXISTS (SELECT 1 FROM items WHERE namespace_id = OLD.id) THEN
                RAISE EXCEPTION 'namespace % still has items', OLD.id
                  USING ERRCODE = 'foreign_key_violation';
              END IF;
              RETURN OLD;
            END $$;
            CREATE TRIGGER namespaces_deleted_empty BEFORE DELETE ON namespaces
              FOR EACH ROW EXECUTE FUNCTION namespaces_deleted_empty();
            """);

    private PostgresSchema() {
    }

    /** Applies every migration the database has not seen yet; an empty database gets every table. */
    static void migrate(PostgresDatabase database) {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            }
            if (Sql.one(connection, "SELECT version FROM schema_version", rows -> rows.getInt(1)).isEmpty()) {
                Sql.update(connection, "INSERT INTO schema_version (version) VALUES (0)");
            }
            return null;
        });
        for (int version = 1; version <= MIGRATIONS.size(); version++) {
            int target = version;
            boolean applied = database.write(connection -> {
                int current = Sql.one(connection, "SELECT version FROM schema_version", rows -> rows.getInt(1))
                        .orElseThrow();
                if (current > MIGRATIONS.size()) {
                    throw new IllegalStateException("database schema version " + current
                            + " is newer than this server knows (" + MIGRATIONS.size() + "); upgrade the server");
                }
                if (current >= target) {
                    return false;
                }
                try (Statement statement = connection.createStatement()) {
                    // Whole: the driver sends its statements in turn, and knows that a function's
                    // body ($$ ... $$) holds semicolons that do not end one.
                    statement.execute(MIGRATIONS.get(target - 1));
                }
                Sql.update(connection, "UPDATE schema_version SET version = ?", target);
                return true;
            });
            if (applied) {
                LOG.info("database schema migrated to version {}", target);
            }
        }
    }
}
