package org.openmoorcheh.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database schema as an ordered list of migrations. {@code PRAGMA user_version} records how
 * many have been applied; each runs in its own transaction together with the version bump, so a
 * crash during start-up leaves the schema at a whole version. Migrations are append-only: never
 * edit one that has shipped.
 *
 * <p>Times are epoch milliseconds (UTC). Metadata is JSON text. Vectors are little-endian float32
 * blobs. An upload job's payload rows ({@code job_items}) are applied in position order, so the
 * job's {@code processed} counter is also the cursor of the next payload row to apply; the job's
 * {@code reserved} new ids count against the cap until they are stored ({@code reserved_used}).
 */
final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private static final List<String> MIGRATIONS = List.of(
            // 1: namespaces, items, jobs with their payload rows, the file registry.
            """
            CREATE TABLE namespaces (
              id               INTEGER PRIMARY KEY AUTOINCREMENT,
              name             TEXT    NOT NULL UNIQUE,
              type             TEXT    NOT NULL CHECK (type IN ('TEXT', 'VECTOR')),
              vector_dimension INTEGER,
              state            TEXT    NOT NULL CHECK (state IN ('ACTIVE', 'DELETING')),
              item_count       INTEGER NOT NULL DEFAULT 0,
              created_at       INTEGER NOT NULL
            );
            CREATE TABLE items (
              namespace_id INTEGER NOT NULL REFERENCES namespaces (id),
              item_id      TEXT    NOT NULL,
              text         TEXT,
              metadata     TEXT    NOT NULL,
              vector       BLOB    NOT NULL,
              is_summary   INTEGER NOT NULL DEFAULT 0,
              created_at   INTEGER NOT NULL,
              updated_at   INTEGER NOT NULL,
              PRIMARY KEY (namespace_id, item_id)
            );
            CREATE TABLE jobs (
              seq               INTEGER PRIMARY KEY AUTOINCREMENT,
              job_id            TEXT    NOT NULL UNIQUE,
              kind              TEXT    NOT NULL,
              namespace_name    TEXT    NOT NULL,
              namespace_id      INTEGER NOT NULL,
              state             TEXT    NOT NULL,
              total             INTEGER NOT NULL DEFAULT 0,
              processed         INTEGER NOT NULL DEFAULT 0,
              successful        INTEGER NOT NULL DEFAULT 0,
              failed            INTEGER NOT NULL DEFAULT 0,
              summaries_created INTEGER NOT NULL DEFAULT 0,
              items_deleted     INTEGER NOT NULL DEFAULT 0,
              reserved          INTEGER NOT NULL DEFAULT 0,
              reserved_used     INTEGER NOT NULL DEFAULT 0,
              file_id           TEXT,
              absolute_path     TEXT,
              last_error        TEXT,
              started_at        INTEGER NOT NULL,
              updated_at        INTEGER NOT NULL,
              finished_at       INTEGER
            );
            CREATE INDEX jobs_by_state ON jobs (state, seq);
            CREATE TABLE job_items (
              job_seq   INTEGER NOT NULL REFERENCES jobs (seq),
              position  INTEGER NOT NULL,
              item_id   TEXT    NOT NULL,
              text      TEXT,
              metadata  TEXT    NOT NULL,
              vector    BLOB,
              PRIMARY KEY (job_seq, position)
            );
            CREATE TABLE files (
              namespace_id  INTEGER NOT NULL REFERENCES namespaces (id),
              file_id       TEXT    NOT NULL,
              absolute_path TEXT    NOT NULL,
              filename      TEXT    NOT NULL,
              file_type     TEXT    NOT NULL,
              file_size     INTEGER,
              file_mtime    INTEGER,
              chunk_count   INTEGER NOT NULL DEFAULT 0,
              summary_count INTEGER NOT NULL DEFAULT 0,
              status        TEXT    NOT NULL,
              ingested_at   INTEGER,
              last_error    TEXT,
              metadata      TEXT    NOT NULL DEFAULT '{}',
              PRIMARY KEY (namespace_id, file_id)
            );
            """,
            // 2: the thresholds of each namespace's binary codes, so a restart rebuilds identical codes.
            """
            CREATE TABLE index_calibrations (
              namespace_id  INTEGER PRIMARY KEY REFERENCES namespaces (id),
              calibrated_at INTEGER NOT NULL,
              thresholds    BLOB    NOT NULL
            );
            """,
            // 3: the embedding space of each text namespace; older namespaces keep NULL (unknown).
            """
            ALTER TABLE namespaces ADD COLUMN embedding_provider TEXT;
            ALTER TABLE namespaces ADD COLUMN embedding_model TEXT;
            """,
            // 4: what a file ingest job has committed, so progress counters survive a restart mid-file.
            """
            ALTER TABLE jobs ADD COLUMN chunks_committed INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE jobs ADD COLUMN summaries_committed INTEGER NOT NULL DEFAULT 0;
            """,
            // 5: API keys; only a SHA-256 of each secret is kept.
            """
            CREATE TABLE api_keys (
              id           TEXT    PRIMARY KEY,
              name         TEXT    NOT NULL,
              role         TEXT    NOT NULL CHECK (role IN ('read', 'write', 'admin')),
              secret_hash  BLOB    NOT NULL,
              created_at   INTEGER NOT NULL,
              last_used_at INTEGER
            );
            """,
            // 6: job leases (used when several nodes share a database; SQLite records them only).
            """
            ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
            ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
            """);

    private Schema() {
    }

    /** Applies every migration the database has not seen yet. */
    static void migrate(Database database) {
        int current = database.read(Schema::userVersion);
        if (current > MIGRATIONS.size()) {
            throw new IllegalStateException("database schema version " + current
                    + " is newer than this server knows (" + MIGRATIONS.size() + "); upgrade the server");
        }
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            String script = MIGRATIONS.get(version - 1);
            int target = version;
            database.write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : script.split(";")) {
                        if (!sql.isBlank()) {
                            statement.execute(sql);
                        }
                    }
                    statement.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
            LOG.info("database schema migrated to version {}", target);
        }
    }

    /** The schema version this code writes; a backup must have exactly this one to be restored. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
