package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openmoorcheh.store.ChunkOutcome;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.PendingItem;
import org.openmoorcheh.store.UploadStore;

/**
 * Upload jobs. An upload job's payload rows ({@code job_items}) are applied in position order, so the
 * job's {@code processed} counter is also the cursor of the next payload row to apply; the job's
 * {@code reserved} new ids count against the cap until they are stored ({@code reserved_used}).
 */
final class JdbcUploads implements UploadStore {

    private final Transactions database;
    private final JdbcItems items;
    private final JdbcJobs jobs;

    JdbcUploads(Transactions database, JdbcItems items, JdbcJobs jobs) {
        this.database = database;
        this.items = items;
        this.jobs = jobs;
    }

    @Override
    public Optional<Job> admitUpload(long namespaceId, String jobId, List<PendingItem> pending, long maxItems,
                                     Instant now) {
        return database.write(connection -> {
            Optional<Admission> admission = admission(connection, namespaceId,
                    pending.stream().map(PendingItem::id).toList(), maxItems);
            if (admission.isEmpty()) {
                return Optional.<Job>empty();
            }
            Job job = JdbcJobs.insertRunning(connection, jobId, JobKind.UPLOAD, admission.get().namespace(),
                    pending.size(), admission.get().newIds(), now);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_items (job_seq, position, item_id, text, metadata, vector)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (PendingItem item : pending) {
                    insert.setLong(1, job.seq());
                    insert.setInt(2, item.position());
                    insert.setString(3, item.id());
                    insert.setString(4, item.text());
                    insert.setString(5, item.metadataJson());
                    insert.setBytes(6, item.vector() == null ? null : VectorBlobs.encode(item.vector()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return Optional.of(job);
        });
    }

    @Override
    public Optional<Job> applyUpload(long namespaceId, String jobId, List<Item> batch, long maxItems, Instant now) {
        return database.write(connection -> {
            Optional<Admission> admission = admission(connection, namespaceId, batch.stream().map(Item::id).toList(),
                    maxItems);
            if (admission.isEmpty()) {
                return Optional.<Job>empty();
            }
            // Same transaction as the admission: the ids it counted as new are still new. The job is
            // recorded once, completed, as nothing can see it before the commit anyway.
            int inserted = items.upsert(connection, namespaceId, batch, now, (int) admission.get().newIds());
            return Optional.of(JdbcJobs.insertCompletedUpload(connection, jobId, admission.get().namespace(),
                    batch.size(), admission.get().newIds(), inserted, now));
        });
    }

    /**
     * The admission check shared by both upload paths: the namespace must be active, and its new ids
     * plus everything stored or reserved must fit the cap.
     *
     * @return the namespace and how many of the ids are new, or empty when the namespace is not active
     * @throws org.openmoorcheh.store.QuotaExceededException when the cap would be passed (nothing written)
     */
    private Optional<Admission> admission(Connection connection, long namespaceId, List<String> ids, long maxItems)
            throws SQLException {
        Optional<Namespace> namespace = JdbcNamespaces.findActive(connection, namespaceId);
        if (namespace.isEmpty()) {
            return Optional.empty();
        }
        long requestedNew = items.countNew(connection, namespaceId, ids);
        items.checkCap(connection, requestedNew, 0, maxItems);
        return Optional.of(new Admission(namespace.get(), requestedNew));
    }

    /** An admitted upload: its namespace and the new ids it brings (reserved against the cap). */
    private record Admission(Namespace namespace, long newIds) {
    }

    @Override
    public List<PendingItem> pendingUploadItems(String jobId, int limit) {
        return database.read(connection -> {
            Job job = JdbcJobs.find(connection, jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
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
        database.write(connection -> {
            Job job = jobs.running(connection, jobId, JobKind.UPLOAD);
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
            int inserted = items.upsert(connection, job.namespaceId(),
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
        database.write(connection -> {
            Job job = jobs.running(connection, jobId, JobKind.UPLOAD);
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
}
