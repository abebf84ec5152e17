package org.openmoorcheh.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openmoorcheh.store.ApiKeys;
import org.openmoorcheh.store.ChunkOutcome;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.FileEntry;
import org.openmoorcheh.store.FileRecord;
import org.openmoorcheh.store.FileVersion;
import org.openmoorcheh.store.IndexCalibration;
import org.openmoorcheh.store.ItemFilter;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceConflictException;
import org.openmoorcheh.store.NamespaceState;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.PendingItem;
import org.openmoorcheh.store.QuotaExceededException;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.TextItem;

/** {@link Store} on one SQLite file. Thread-safe; see {@link Database} for the connection model. */
public final class SqliteStore implements Store {

    /** Ids per {@code IN (...)} query: well under SQLite's bound-parameter limit. */
    private static final int ID_QUERY_CHUNK = 500;
    private static final int NAMESPACE_CACHE_SIZE = 1_024;
    private static final String NAMESPACE_COLUMNS =
            "id, name, type, vector_dimension, state, item_count, created_at, embedding_provider, embedding_model";
    private static final String JOB_COLUMNS =
            "seq, job_id, kind, namespace_name, namespace_id, state, total, processed, successful, failed,"
            + " summaries_created, items_deleted, file_id, absolute_path, last_error,"
            + " started_at, updated_at, finished_at";

    private final Database database;
    /**
     * Namespaces by name, each valid until the next commit. A search resolves its namespaces on
     * every request; between writes that costs a map lookup instead of a query (about 50 us).
     */
    private final Map<String, CachedNamespace> namespaces = new ConcurrentHashMap<>();

    private final SqliteApiKeys apiKeys;

    private SqliteStore(Database database) {
        this.database = database;
        this.apiKeys = new SqliteApiKeys(database);
    }

    @Override
    public List<Job> recentJobs(int limit) {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY seq DESC LIMIT ?", SqliteStore::job, limit));
    }

    @Override
    public long runningJobs() {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM jobs WHERE state = 'RUNNING'")) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /**
     * {@code VACUUM INTO} on a reading connection: it copies the snapshot that connection sees (WAL
     * readers never block the writer, so uploads go on meanwhile) into a new, complete database file
     * with its own header and no WAL to carry along.
     */
    @Override
    public void backupTo(Path target) {
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " already exists");
        }
        database.read(connection -> {
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toAbsolutePath().toString());
                vacuum.execute();
            }
            return null;
        });
    }

    /**
     * Checks that a file is a whole database of this server's schema: {@code PRAGMA integrity_check}
     * answers ok and the schema version is the one this code writes (an older one is migrated at
     * start, so it is accepted too).
     *
     * @return the schema version of the file
     * @throws StoreException naming what is wrong
     */
    public static int verify(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file");
        }
        try (Connection connection = new org.sqlite.SQLiteConfig().createConnection(
                "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
             Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException(file + " fails the integrity check: " + verdict);
                }
            }
            int version = Schema.userVersion(connection);
            if (version < 1 || version > Schema.latestVersion()) {
                throw new StoreException(file + " has schema version " + version + "; this server reads 1 to "
                        + Schema.latestVersion());
            }
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('namespaces', 'items', 'jobs')")) {
                if (!tables.next() || tables.getInt(1) != 3) {
                    throw new StoreException(file + " is not a Moorcheh database (its tables are missing)");
                }
            }
            return version;
        } catch (SQLException e) {
            throw new StoreException(file + " is not a readable SQLite database: " + e.getMessage(), e);
        }
    }

    /** Opens the database file (creating it and its directories if needed) and migrates its schema. */
    public static SqliteStore open(Path file) {
        Database database = Database.open(file);
        try {
            Schema.migrate(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqliteStore(database);
    }

    @Override
    public Namespace createNamespace(String name, NamespaceType type, Integer vectorDimension,
                                     EmbeddingSpace embedding, Instant now) {
        return database.inTransaction(connection -> {
            Optional<Namespace> existing = findNamespace(connection, name);
            if (existing.isPresent()) {
                throw new NamespaceConflictException(existing.get());
            }
            Sql.update(connection, "INSERT INTO namespaces (name, type, vector_dimension, state, item_count, created_at,"
                    + " embedding_provider, embedding_model) VALUES (?, ?, ?, 'ACTIVE', 0, ?, ?, ?)",
                    name, type.name(), vectorDimension, now.toEpochMilli(),
                    embedding == null ? null : embedding.provider(), embedding == null ? null : embedding.model());
            return findNamespace(connection, name).orElseThrow();
        });
    }

    @Override
    public Optional<Namespace> findNamespace(String name) {
        long commits = database.commits();
        CachedNamespace cached = namespaces.get(name);
        if (cached != null && cached.commits() == commits) {
            return cached.namespace();
        }
        Optional<Namespace> found = database.read(connection -> findNamespace(connection, name));
        if (namespaces.size() >= NAMESPACE_CACHE_SIZE) {
            namespaces.clear();
        }
        // Stamped with the count read before the query: a commit racing the query makes the entry
        // stale at once, never a stale entry look current.
        namespaces.put(name, new CachedNamespace(commits, found));
        return found;
    }

    /** A lookup by name and the commit count it was read at. */
    private record CachedNamespace(long commits, Optional<Namespace> namespace) {
    }

    private static Optional<Namespace> findNamespace(Connection connection, String name) throws SQLException {
        return Sql.one(connection, "SELECT " + NAMESPACE_COLUMNS + " FROM namespaces WHERE name = ?",
                SqliteStore::namespace, name);
    }

    @Override
    public List<Namespace> listActiveNamespaces() {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + NAMESPACE_COLUMNS + " FROM namespaces WHERE state = 'ACTIVE' ORDER BY name",
                SqliteStore::namespace));
    }

    @Override
    public long totalItems() {
        return database.read(connection -> Sql.one(connection,
                "SELECT COALESCE(SUM(item_count), 0) FROM namespaces", rows -> rows.getLong(1)).orElseThrow());
    }

    @Override
    public Optional<Job> startNamespaceDelete(String name, String jobId, Instant now) {
        return database.inTransaction(connection -> {
            Optional<Namespace> found = findNamespace(connection, name);
            if (found.isEmpty() || !found.get().isActive()) {
                return Optional.empty();
            }
            Namespace namespace = found.get();
            Sql.update(connection, "UPDATE namespaces SET state = 'DELETING' WHERE id = ?", namespace.id());
            insertJob(connection, jobId, JobKind.NAMESPACE_DELETE, namespace, namespace.itemCount(), now);
            return findJob(connection, jobId);
        });
    }

    static void insertJob(Connection connection, String jobId, JobKind kind, Namespace namespace,
                                  long total, Instant now) throws SQLException {
        Sql.update(connection, "INSERT INTO jobs (job_id, kind, namespace_name, namespace_id, state, total,"
                + " started_at, updated_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)",
                jobId, kind.name(), namespace.name(), namespace.id(), total, now.toEpochMilli(), now.toEpochMilli());
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return database.read(connection -> findJob(connection, jobId));
    }

    static Optional<Job> findJob(Connection connection, String jobId) throws SQLException {
        return Sql.one(connection, "SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_id = ?", SqliteStore::job, jobId);
    }

    @Override
    public Optional<Job> nextRunnableJob() {
        return database.read(connection -> Sql.one(connection,
                "SELECT " + JOB_COLUMNS + " FROM jobs WHERE state = 'RUNNING' ORDER BY seq LIMIT 1", SqliteStore::job));
    }

    @Override
    public int deleteNamespaceItems(String jobId, int batchSize, Instant now) {
        return database.inTransaction(connection -> {
            Job job = runningJob(connection, jobId, JobKind.NAMESPACE_DELETE);
            int deleted = Sql.update(connection, "DELETE FROM items WHERE rowid IN"
                    + " (SELECT rowid FROM items WHERE namespace_id = ? LIMIT ?)", job.namespaceId(), batchSize);
            if (deleted > 0) {
                adjustItemCount(connection, job.namespaceId(), -deleted);
                Sql.update(connection, "UPDATE jobs SET processed = processed + ?, updated_at = ? WHERE job_id = ?",
                        deleted, now.toEpochMilli(), jobId);
            }
            return deleted;
        });
    }

    @Override
    public void completeNamespaceDelete(String jobId, Instant now) {
        database.inTransaction(connection -> {
            Job job = runningJob(connection, jobId, JobKind.NAMESPACE_DELETE);
            long namespaceId = job.namespaceId();
            for (String sql : List.of(
                    "DELETE FROM items WHERE namespace_id = ?",
                    "DELETE FROM files WHERE namespace_id = ?",
                    "DELETE FROM index_calibrations WHERE namespace_id = ?",
                    "DELETE FROM namespaces WHERE id = ?")) {
                Sql.update(connection, sql, namespaceId);
            }
            Sql.update(connection, "UPDATE jobs SET state = 'COMPLETED', total = processed, updated_at = ?,"
                    + " finished_at = ? WHERE job_id = ?", now.toEpochMilli(), now.toEpochMilli(), jobId);
            return null;
        });
    }

    @Override
    public void failJob(String jobId, String error, Instant now) {
        database.inTransaction(connection -> {
            Optional<Job> job = findJob(connection, jobId);
            if (job.isPresent() && job.get().kind() == JobKind.NAMESPACE_DELETE) {
                // Hand the namespace back with whatever items remain, so it is never stuck half-deleted.
                Sql.update(connection, "UPDATE namespaces SET state = 'ACTIVE' WHERE id = ?", job.get().namespaceId());
            }
            if (job.isPresent() && job.get().kind() == JobKind.FILE_INGEST) {
                // Files this job had not finished keep their old chunks; the registry must say they failed.
                Sql.update(connection, "UPDATE files SET status = 'FAILED', last_error = ? WHERE namespace_id = ?"
                        + " AND status = 'PROCESSING' AND file_id IN (SELECT item_id FROM job_items WHERE job_seq = ?)",
                        error, job.get().namespaceId(), job.get().seq());
            }
            Sql.update(connection, "UPDATE jobs SET state = 'FAILED', last_error = ?, updated_at = ?, finished_at = ?"
                    + " WHERE job_id = ? AND state = 'RUNNING'", error, now.toEpochMilli(), now.toEpochMilli(), jobId);
            return null;
        });
    }

    @Override
    public int upsertItems(long namespaceId, List<Item> items, Instant now) {
        return database.inTransaction(connection -> upsertItems(connection, namespaceId, items, now));
    }

    /**
     * Inserts or replaces items (the last of a repeated id wins) and returns how many ids were new.
     * One batched statement: per-row round trips through the driver cost more than the rows.
     */
    static int upsertItems(Connection connection, long namespaceId, List<Item> items, Instant now)
            throws SQLException {
        Set<String> distinct = new HashSet<>();
        for (Item item : items) {
            distinct.add(item.id());
        }
        return upsertItems(connection, namespaceId, items, now,
                distinct.size() - existingIds(connection, namespaceId, distinct).size());
    }

    /** As above, when the caller has just counted the new ids in this transaction. */
    private static int upsertItems(Connection connection, long namespaceId, List<Item> items, Instant now,
                                   int inserted) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO items"
                + " (namespace_id, item_id, text, metadata, vector, is_summary, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (namespace_id, item_id) DO UPDATE SET text = excluded.text,"
                + " metadata = excluded.metadata, vector = excluded.vector, is_summary = excluded.is_summary,"
                + " updated_at = excluded.updated_at")) {
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
        adjustItemCount(connection, namespaceId, inserted);
        return inserted;
    }

    /** The ids of {@code ids} already stored in the namespace, asked in chunks of a few hundred. */
    private static Set<String> existingIds(Connection connection, long namespaceId, Collection<String> ids)
            throws SQLException {
        Set<String> existing = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += ID_QUERY_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_QUERY_CHUNK));
            Object[] parameters = new Object[chunk.size() + 1];
            parameters[0] = namespaceId;
            for (int i = 0; i < chunk.size(); i++) {
                parameters[i + 1] = chunk.get(i);
            }
            existing.addAll(Sql.list(connection, "SELECT item_id FROM items WHERE namespace_id = ? AND item_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    rows -> rows.getString(1), parameters));
        }
        return existing;
    }

    @Override
    public Optional<Job> admitUpload(long namespaceId, String jobId, List<PendingItem> items, long maxItems,
                                     Instant now) {
        return database.inTransaction(connection -> {
            List<String> ids = items.stream().map(PendingItem::id).toList();
            if (admit(connection, namespaceId, jobId, ids, maxItems, now) < 0) {
                return Optional.empty();
            }
            long seq = findJob(connection, jobId).orElseThrow().seq();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_items (job_seq, position, item_id, text, metadata, vector)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (PendingItem item : items) {
                    insert.setLong(1, seq);
                    insert.setInt(2, item.position());
                    insert.setString(3, item.id());
                    insert.setString(4, item.text());
                    insert.setString(5, item.metadataJson());
                    insert.setBytes(6, item.vector() == null ? null : VectorBlobs.encode(item.vector()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return findJob(connection, jobId);
        });
    }

    @Override
    public Optional<Job> applyUpload(long namespaceId, String jobId, List<Item> items, long maxItems, Instant now) {
        return database.inTransaction(connection -> {
            long newIds = admit(connection, namespaceId, jobId, items.stream().map(Item::id).toList(), maxItems, now);
            if (newIds < 0) {
                return Optional.empty();
            }
            // Same transaction as the admission: the ids it counted as new are still new.
            int inserted = upsertItems(connection, namespaceId, items, now, (int) newIds);
            Sql.update(connection, "UPDATE jobs SET state = 'COMPLETED', processed = total, successful = total,"
                    + " reserved_used = ?, finished_at = started_at WHERE job_id = ?", inserted, jobId);
            return findJob(connection, jobId);
        });
    }

    /**
     * The admission step shared by both upload paths: the namespace must be active, and its new ids
     * plus everything stored or reserved must fit the cap. Records a running upload job that reserves
     * those new ids.
     *
     * @return how many of the ids are new to the namespace, or -1 when it is not active (nothing written)
     * @throws QuotaExceededException when the cap would be passed (nothing written)
     */
    private static long admit(Connection connection, long namespaceId, String jobId, List<String> ids,
                                 long maxItems, Instant now) throws SQLException {
        Optional<Namespace> namespace = findNamespaceById(connection, namespaceId).filter(Namespace::isActive);
        if (namespace.isEmpty()) {
            return -1;
        }
        long requestedNew = countNewIds(connection, namespaceId, ids);
        long used = usedQuota(connection);
        if (used + requestedNew > maxItems) {
            throw new QuotaExceededException(used, maxItems, requestedNew);
        }
        insertJob(connection, jobId, JobKind.UPLOAD, namespace.get(), ids.size(), now);
        Sql.update(connection, "UPDATE jobs SET reserved = ? WHERE job_id = ?", requestedNew, jobId);
        return requestedNew;
    }

    private static long countNewIds(Connection connection, long namespaceId, List<String> ids)
            throws SQLException {
        Set<String> distinct = new HashSet<>(ids);
        return distinct.size() - existingIds(connection, namespaceId, distinct).size();
    }

    /** Stored items plus the new ids still reserved by unfinished uploads. */
    static long usedQuota(Connection connection) throws SQLException {
        return Sql.one(connection, "SELECT (SELECT COALESCE(SUM(item_count), 0) FROM namespaces)"
                + " + (SELECT COALESCE(SUM(MAX(reserved - reserved_used, 0)), 0) FROM jobs"
                + "    WHERE kind = 'UPLOAD' AND state = 'RUNNING')", rows -> rows.getLong(1)).orElseThrow();
    }

    @Override
    public List<PendingItem> pendingUploadItems(String jobId, int limit) {
        return database.read(connection -> {
            Job job = findJob(connection, jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT position, item_id, text, metadata, vector FROM job_items"
                    + " WHERE job_seq = ? AND position >= ? ORDER BY position LIMIT ?")) {
                query.setLong(1, job.seq());
                query.setLong(2, job.processed());
                query.setInt(3, limit);
                try (ResultSet rows = query.executeQuery()) {
                    List<PendingItem> pending = new ArrayList<>();
                    while (rows.next()) {
                        byte[] vector = rows.getBytes("vector");
                        pending.add(new PendingItem(rows.getInt("position"), rows.getString("item_id"),
                                rows.getString("text"), rows.getString("metadata"),
                                vector == null ? null : VectorBlobs.decode(vector)));
                    }
                    return pending;
                }
            }
        });
    }

    @Override
    public void commitUploadChunk(String jobId, ChunkOutcome outcome, Instant now) {
        database.inTransaction(connection -> {
            Job job = runningJob(connection, jobId, JobKind.UPLOAD);
            List<ChunkOutcome.Positioned> stored = new ArrayList<>();
            for (ChunkOutcome.Positioned entry : outcome.stored()) {
                if (entry.position() >= job.processed()) {
                    stored.add(entry);
                }
            }
            stored.sort(Comparator.comparingInt(ChunkOutcome.Positioned::position));
            List<ChunkOutcome.Failure> failures = new ArrayList<>();
            for (ChunkOutcome.Failure failure : outcome.failures()) {
                if (failure.position() >= job.processed()) {
                    failures.add(failure);
                }
            }
            int applied = stored.size() + failures.size();
            if (applied == 0) {
                return null;
            }
            requireContiguous(job, stored, failures);
            int inserted = upsertItems(connection, job.namespaceId(),
                    stored.stream().map(ChunkOutcome.Positioned::item).toList(), now);
            String lastError = failures.isEmpty() ? null
                    : failures.get(failures.size() - 1).itemId() + ": " + failures.get(failures.size() - 1).error();
            Sql.update(connection, "UPDATE jobs SET processed = processed + ?, successful = successful + ?,"
                    + " failed = failed + ?, last_error = COALESCE(?, last_error), reserved_used = reserved_used + ?,"
                    + " updated_at = ? WHERE job_id = ?",
                    applied, stored.size(), failures.size(), lastError, inserted, now.toEpochMilli(), jobId);
            return null;
        });
    }

    /** The chunk must cover exactly the next positions, or the processed counter would lie. */
    private static void requireContiguous(Job job, List<ChunkOutcome.Positioned> stored,
                                          List<ChunkOutcome.Failure> failures) {
        Set<Integer> positions = new HashSet<>();
        stored.forEach(entry -> positions.add(entry.position()));
        failures.forEach(failure -> positions.add(failure.position()));
        int applied = stored.size() + failures.size();
        for (long position = job.processed(); position < job.processed() + applied; position++) {
            if (!positions.contains((int) position)) {
                throw new IllegalStateException("upload chunk of job " + job.jobId() + " skips position "
                        + position + " (next to apply is " + job.processed() + ")");
            }
        }
    }

    @Override
    public void completeUpload(String jobId, Instant now) {
        database.inTransaction(connection -> {
            Job job = runningJob(connection, jobId, JobKind.UPLOAD);
            if (job.processed() != job.total()) {
                throw new IllegalStateException("upload job " + jobId + " has applied " + job.processed()
                        + " of " + job.total() + " items");
            }
            Sql.update(connection, "DELETE FROM job_items WHERE job_seq = ?", job.seq());
            Sql.update(connection, "UPDATE jobs SET state = 'COMPLETED', updated_at = ?, finished_at = ? WHERE job_id = ?",
                    now.toEpochMilli(), now.toEpochMilli(), jobId);
            return null;
        });
    }

    @Override
    public List<String> deleteItems(long namespaceId, List<String> ids) {
        return database.inTransaction(connection -> {
            List<String> deleted = new ArrayList<>();
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM items WHERE namespace_id = ? AND item_id = ?")) {
                for (String id : new LinkedHashSet<>(ids)) {
                    delete.setLong(1, namespaceId);
                    delete.setString(2, id);
                    if (delete.executeUpdate() == 1) {
                        deleted.add(id);
                    }
                }
            }
            adjustItemCount(connection, namespaceId, -deleted.size());
            return deleted;
        });
    }

    @Override
    public List<TextItem> describeItems(long namespaceId, List<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return List.of();
        }
        Object[] parameters = new Object[distinct.size() + 1];
        parameters[0] = namespaceId;
        for (int i = 0; i < distinct.size(); i++) {
            parameters[i + 1] = distinct.get(i);
        }
        String sql = "SELECT item_id, text, metadata, is_summary, created_at FROM items WHERE namespace_id = ?"
                + " AND item_id IN (" + String.join(", ", Collections.nCopies(distinct.size(), "?")) + ")";
        Map<String, TextItem> found = new HashMap<>();
        for (TextItem item : database.read(connection -> Sql.list(connection, sql, SqliteStore::textItem, parameters))) {
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

    private static TextItem textItem(ResultSet rows) throws SQLException {
        return new TextItem(rows.getString("item_id"), rows.getString("text"), rows.getString("metadata"),
                rows.getInt("is_summary") != 0, Instant.ofEpochMilli(rows.getLong("created_at")));
    }

    @Override
    public List<TextItem> textItemsAfter(long namespaceId, String afterId, int limit) {
        return database.read(connection -> Sql.list(connection,
                "SELECT item_id, text, metadata, is_summary, created_at FROM items"
                + " WHERE namespace_id = ? AND item_id > ? ORDER BY item_id LIMIT ?",
                SqliteStore::textItem, namespaceId, afterId == null ? "" : afterId, limit));
    }

    @Override
    public Optional<Namespace> findNamespaceById(long namespaceId) {
        return database.read(connection -> findNamespaceById(connection, namespaceId));
    }

    static Optional<Namespace> findNamespaceById(Connection connection, long namespaceId)
            throws SQLException {
        return Sql.one(connection, "SELECT " + NAMESPACE_COLUMNS + " FROM namespaces WHERE id = ?",
                SqliteStore::namespace, namespaceId);
    }

    @Override
    public Set<String> matchingIds(long namespaceId, ItemFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT item_id FROM items WHERE namespace_id = ?");
        List<String> parameters = new ArrayList<>();
        for (Map.Entry<String, String> condition : filter.metadataEqualsIgnoreCase().entrySet()) {
            // Booleans compare by their JSON spelling (true/false), everything else by its text.
            sql.append(" AND lower(CASE WHEN json_type(metadata, ?) IN ('true', 'false')"
                    + " THEN json_type(metadata, ?) ELSE CAST(json_extract(metadata, ?) AS TEXT) END) = lower(?)");
            String path = jsonPath(condition.getKey());
            parameters.addAll(List.of(path, path, path, condition.getValue()));
        }
        for (Map.Entry<String, String> condition : filter.metadataEqualsJson().entrySet()) {
            sql.append(" AND json_type(metadata, ?) IS NOT NULL AND json_extract(metadata, ?) IS json_extract(?, '$')"
                    + " AND json_type(metadata, ?) = json_type(?, '$')");
            String path = jsonPath(condition.getKey());
            parameters.addAll(List.of(path, path, condition.getValue(), path, condition.getValue()));
        }
        for (String word : filter.textContains()) {
            sql.append(" AND instr(lower(text), lower(?)) > 0");
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

    /** A JSON path naming one top-level key, quoted so that any key is taken literally. */
    private static String jsonPath(String key) {
        return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void forEachVector(long namespaceId, VectorSink sink) {
        database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT item_id, vector FROM items WHERE namespace_id = ? ORDER BY rowid")) {
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

    @Override
    public Optional<IndexCalibration> findCalibration(long namespaceId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT calibrated_at, thresholds FROM index_calibrations WHERE namespace_id = ?",
                rows -> new IndexCalibration(VectorBlobs.decode(rows.getBytes(2)), rows.getInt(1)), namespaceId));
    }

    @Override
    public void saveCalibration(long namespaceId, IndexCalibration calibration) {
        database.inTransaction(connection -> Sql.update(connection,
                "INSERT INTO index_calibrations (namespace_id, calibrated_at, thresholds) VALUES (?, ?, ?)"
                + " ON CONFLICT (namespace_id) DO UPDATE SET calibrated_at = excluded.calibrated_at,"
                + " thresholds = excluded.thresholds",
                namespaceId, calibration.calibratedAt(), VectorBlobs.encode(calibration.thresholds())));
    }

    @Override
    public Optional<FileRecord> findFile(long namespaceId, String fileId) {
        return database.read(connection -> FileTables.find(connection, namespaceId, fileId));
    }

    @Override
    public List<FileRecord> listFiles(long namespaceId) {
        return database.read(connection -> FileTables.list(connection, namespaceId));
    }

    @Override
    public Optional<Job> startFileIngest(long namespaceId, String jobId, List<FileEntry> files, Instant now) {
        return database.inTransaction(connection -> FileTables.startIngest(connection, namespaceId, jobId, files, now));
    }

    @Override
    public List<FileEntry> pendingFiles(String jobId) {
        return database.read(connection -> FileTables.pending(connection, jobId));
    }

    @Override
    public void reportFileProgress(String jobId, long chunksTotal, long chunksProcessed, long summariesCreated,
                                   Instant now) {
        database.inTransaction(connection -> {
            FileTables.reportProgress(connection, jobId, chunksTotal, chunksProcessed, summariesCreated, now);
            return null;
        });
    }

    @Override
    public List<String> commitFileVersion(String jobId, FileVersion version, long maxItems, Instant now) {
        return database.inTransaction(connection -> FileTables.commitVersion(connection, jobId, version, maxItems, now));
    }

    @Override
    public void failFile(String jobId, String fileId, String error, Instant now) {
        database.inTransaction(connection -> {
            FileTables.failFile(connection, jobId, fileId, error, now);
            return null;
        });
    }

    @Override
    public void completeFileIngest(String jobId, Instant now) {
        database.inTransaction(connection -> {
            FileTables.completeIngest(connection, jobId, now);
            return null;
        });
    }

    @Override
    public Optional<Job> startFileDelete(long namespaceId, String jobId, String fileId, Instant now) {
        return database.inTransaction(connection -> FileTables.startDelete(connection, namespaceId, jobId, fileId, now));
    }

    @Override
    public List<String> applyFileDelete(String jobId, Instant now) {
        return database.inTransaction(connection -> FileTables.applyDelete(connection, jobId, now));
    }

    @Override
    public void close() {
        database.close();
    }

    static void adjustItemCount(Connection connection, long namespaceId, long delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        Sql.update(connection, "UPDATE namespaces SET item_count = item_count + ? WHERE id = ?", delta, namespaceId);
    }

    static Job runningJob(Connection connection, String jobId, JobKind kind) throws SQLException {
        Job job = findJob(connection, jobId)
                .orElseThrow(() -> new IllegalStateException("no job " + jobId));
        if (job.kind() != kind || job.state() != JobState.RUNNING) {
            throw new IllegalStateException("job " + jobId + " is " + job.kind() + "/" + job.state()
                    + ", expected a running " + kind);
        }
        return job;
    }

    private static Namespace namespace(ResultSet rows) throws SQLException {
        int dimension = rows.getInt("vector_dimension");
        Integer vectorDimension = rows.wasNull() ? null : dimension;
        String provider = rows.getString("embedding_provider");
        return new Namespace(
                rows.getLong("id"),
                rows.getString("name"),
                NamespaceType.valueOf(rows.getString("type")),
                vectorDimension,
                NamespaceState.valueOf(rows.getString("state")),
                rows.getLong("item_count"),
                Instant.ofEpochMilli(rows.getLong("created_at")),
                provider == null ? null : new EmbeddingSpace(provider, rows.getString("embedding_model")));
    }

    private static Job job(ResultSet rows) throws SQLException {
        long finished = rows.getLong("finished_at");
        Instant finishedAt = rows.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new Job(
                rows.getLong("seq"),
                rows.getString("job_id"),
                JobKind.valueOf(rows.getString("kind")),
                rows.getString("namespace_name"),
                rows.getLong("namespace_id"),
                JobState.valueOf(rows.getString("state")),
                rows.getLong("total"),
                rows.getLong("processed"),
                rows.getLong("successful"),
                rows.getLong("failed"),
                rows.getLong("summaries_created"),
                rows.getLong("items_deleted"),
                rows.getString("file_id"),
                rows.getString("absolute_path"),
                rows.getString("last_error"),
                Instant.ofEpochMilli(rows.getLong("started_at")),
                Instant.ofEpochMilli(rows.getLong("updated_at")),
                finishedAt);
    }
}
