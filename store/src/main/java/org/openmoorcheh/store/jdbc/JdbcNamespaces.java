package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceConflictException;
import org.openmoorcheh.store.NamespaceStore;
import org.openmoorcheh.store.NamespaceType;

/** Namespaces: creation, lookup (cached by name while nothing commits), and the delete job's steps. */
final class JdbcNamespaces implements NamespaceStore {

    private static final int CACHE_SIZE = 1_024;

    private final Transactions database;
    private final JdbcItems items;
    private final JdbcJobs jobs;
    private final JdbcChanges changes;
    /**
     * Namespaces by name, each valid until the next commit. A search resolves its namespaces on
     * every request; between writes that costs a map lookup instead of a query (about 50 us). Not
     * used when {@link Transactions#commits()} cannot see every writer.
     */
    private final Map<String, Cached> byName = new ConcurrentHashMap<>();

    JdbcNamespaces(Transactions database, JdbcItems items, JdbcJobs jobs, JdbcChanges changes) {
        this.database = database;
        this.items = items;
        this.jobs = jobs;
        this.changes = changes;
    }

    @Override
    public Namespace createNamespace(String name, NamespaceType type, Integer vectorDimension,
                                     EmbeddingSpace embedding, Instant now) {
        return database.write(connection -> {
            Optional<Namespace> existing = find(connection, name);
            if (existing.isPresent()) {
                throw new NamespaceConflictException(existing.get());
            }
            Sql.update(connection, "INSERT INTO namespaces (name, type, vector_dimension, state, item_count, created_at,"
                    + " embedding_provider, embedding_model) VALUES (?, ?, ?, 'ACTIVE', 0, ?, ?, ?)",
                    name, type.name(), vectorDimension, now.toEpochMilli(),
                    embedding == null ? null : embedding.provider(), embedding == null ? null : embedding.model());
            return find(connection, name).orElseThrow();
        });
    }

    @Override
    public Optional<Namespace> findNamespace(String name) {
        long commits = database.commits();
        if (commits < 0) {
            return database.read(connection -> find(connection, name));
        }
        Cached cached = byName.get(name);
        if (cached != null && cached.commits() == commits) {
            return cached.namespace();
        }
        Optional<Namespace> found = database.read(connection -> find(connection, name));
        if (byName.size() >= CACHE_SIZE) {
            byName.clear();
        }
        // Stamped with the count read before the query: a commit racing the query makes the entry
        // stale at once, never a stale entry look current.
        byName.put(name, new Cached(commits, found));
        return found;
    }

    /** A lookup by name and the commit count it was read at. */
    private record Cached(long commits, Optional<Namespace> namespace) {
    }

    @Override
    public Optional<Namespace> findNamespaceById(long namespaceId) {
        return database.read(connection -> findById(connection, namespaceId));
    }

    @Override
    public List<Namespace> listActiveNamespaces() {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + Rows.NAMESPACE_COLUMNS + " FROM namespaces WHERE state = 'ACTIVE' ORDER BY name",
                Rows::namespace));
    }

    @Override
    public Optional<Job> startNamespaceDelete(String name, String jobId, Instant now) {
        return database.write(connection -> {
            Optional<Namespace> found = find(connection, name);
            if (found.isEmpty() || !found.get().isActive()) {
                return Optional.empty();
            }
            Namespace namespace = found.get();
            Sql.update(connection, "UPDATE namespaces SET state = 'DELETING' WHERE id = ?", namespace.id());
            changes.log(connection, namespace.id(), org.openmoorcheh.store.Change.Kind.DROP, null);
            return Optional.of(JdbcJobs.insert(connection, jobId, JobKind.NAMESPACE_DELETE, namespace,
                    namespace.itemCount(), now));
        });
    }

    @Override
    public int deleteNamespaceItems(String jobId, int batchSize, Instant now) {
        return database.write(connection -> {
            Job job = jobs.running(connection, jobId, JobKind.NAMESPACE_DELETE);
            int deleted = items.deleteSome(connection, job.namespaceId(), batchSize);
            if (deleted > 0) {
                Sql.update(connection, "UPDATE jobs SET processed = processed + ?, updated_at = ? WHERE job_id = ?",
                        deleted, now.toEpochMilli(), jobId);
            }
            return deleted;
        });
    }

    @Override
    public void completeNamespaceDelete(String jobId, Instant now) {
        database.write(connection -> {
            Job job = jobs.running(connection, jobId, JobKind.NAMESPACE_DELETE);
            long namespaceId = job.namespaceId();
            for (String sql : List.of(
                    "DELETE FROM items WHERE namespace_id = ?",
                    "DELETE FROM files WHERE namespace_id = ?",
                    "DELETE FROM index_calibrations WHERE namespace_id = ?",
                    "DELETE FROM namespaces WHERE id = ?")) {
                Sql.update(connection, sql, namespaceId);
            }
            changes.log(connection, namespaceId, org.openmoorcheh.store.Change.Kind.DROP, null);
            Sql.update(connection, "UPDATE jobs SET state = 'COMPLETED', total = processed, updated_at = ?,"
                    + " finished_at = ? WHERE job_id = ?", now.toEpochMilli(), now.toEpochMilli(), jobId);
            return null;
        });
    }

    static Optional<Namespace> find(Connection connection, String name) throws SQLException {
        return Sql.one(connection, "SELECT " + Rows.NAMESPACE_COLUMNS + " FROM namespaces WHERE name = ?",
                Rows::namespace, name);
    }

    static Optional<Namespace> findById(Connection connection, long namespaceId) throws SQLException {
        return Sql.one(connection, "SELECT " + Rows.NAMESPACE_COLUMNS + " FROM namespaces WHERE id = ?",
                Rows::namespace, namespaceId);
    }

    /** The namespace if it is active: the first check of every write into one. */
    static Optional<Namespace> findActive(Connection connection, long namespaceId) throws SQLException {
        return findById(connection, namespaceId).filter(Namespace::isActive);
    }
}
