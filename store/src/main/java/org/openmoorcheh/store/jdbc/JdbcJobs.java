package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.JobStore;
import org.openmoorcheh.store.Namespace;

/**
 * Job rows: lookup, the queue, failure; and, on a connection inside another role's transaction,
 * recording a new job and checking that one is running.
 */
final class JdbcJobs implements JobStore {

    private final Transactions database;
    private final Dialect dialect;
    private final JdbcChanges changes;
    /** Who this store is in the leases of the jobs table: one id per open store (per process). */
    private final String node;

    JdbcJobs(Transactions database, Dialect dialect, JdbcChanges changes, String node) {
        this.database = database;
        this.dialect = dialect;
        this.changes = changes;
        this.node = node;
    }

    @Override
    public Optional<Job> claimNextJob(java.time.Duration lease, Instant now, long yieldedNamespaceId) {
        return database.write(connection -> {
            // The first running job of each namespace only, other namespaces before the one that yielded.
            String heads = " AND NOT EXISTS (SELECT 1 FROM jobs earlier WHERE earlier.state = 'RUNNING'"
                    + " AND earlier.namespace_id = jobs.namespace_id AND earlier.seq < jobs.seq)"
                    + " ORDER BY CASE WHEN namespace_id = ? THEN 1 ELSE 0 END, seq LIMIT 1";
            Optional<Long> seq = dialect.sharedByNodes()
                    ? Sql.one(connection, "SELECT seq FROM jobs WHERE state = 'RUNNING'"
                            + " AND (lease_owner IS NULL OR lease_until < ? OR lease_owner = ?)" + heads
                            + dialect.skipLocked(), rows -> rows.getLong(1), now.toEpochMilli(), node, yieldedNamespaceId)
                    : Sql.one(connection, "SELECT seq FROM jobs WHERE state = 'RUNNING'" + heads,
                            rows -> rows.getLong(1), yieldedNamespaceId);
            if (seq.isEmpty()) {
                return Optional.<Job>empty();
            }
            Sql.update(connection, "UPDATE jobs SET lease_owner = ?, lease_until = ? WHERE seq = ?",
                    node, now.plus(lease).toEpochMilli(), seq.get());
            return Sql.one(connection, "SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE seq = ?", Rows::job, seq.get());
        });
    }

    @Override
    public long unfinishedJobs() {
        return database.read(connection -> Sql.one(connection, "SELECT count(*) FROM jobs WHERE state = 'RUNNING'",
                rows -> rows.getLong(1)).orElse(0L));
    }

    @Override
    public long jobsAhead(String jobId) {
        return database.read(connection -> Sql.one(connection, "SELECT count(*) FROM jobs job, jobs earlier"
                + " WHERE job.job_id = ? AND job.state = 'RUNNING' AND earlier.state = 'RUNNING'"
                + " AND earlier.namespace_id = job.namespace_id AND earlier.seq < job.seq",
                rows -> rows.getLong(1), jobId).orElse(0L));
    }

    @Override
    public boolean renewLease(String jobId, Instant until) {
        return database.write(connection -> Sql.update(connection, "UPDATE jobs SET lease_until = ?"
                + " WHERE job_id = ? AND state = 'RUNNING' AND lease_owner = ?", until.toEpochMilli(), jobId, node) == 1);
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return database.read(connection -> find(connection, jobId));
    }

    @Override
    public List<Job> recentJobs(int limit) {
        return database.read(connection -> Sql.list(connection,
                "SELECT " + Rows.JOB_COLUMNS + " FROM jobs ORDER BY seq DESC LIMIT ?", Rows::job, limit));
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
    public Optional<Job> nextRunnableJob() {
        return database.read(connection -> Sql.one(connection,
                "SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE state = 'RUNNING' ORDER BY seq LIMIT 1", Rows::job));
    }

    @Override
    public void failJob(String jobId, String error, Instant now) {
        database.write(connection -> {
            Optional<Job> job = find(connection, jobId);
            if (job.isPresent() && leasedToAnother(connection, jobId)) {
                // This node lost the job to another: its failure is not the job's.
                return null;
            }
            if (job.isPresent() && job.get().kind() == JobKind.NAMESPACE_DELETE) {
                // Hand the namespace back with whatever items remain, so it is never stuck half-deleted.
                Sql.update(connection, "UPDATE namespaces SET state = 'ACTIVE' WHERE id = ?", job.get().namespaceId());
                changes.log(connection, job.get().namespaceId(), org.openmoorcheh.store.Change.Kind.RELOAD, null);
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

    static Optional<Job> find(Connection connection, String jobId) throws SQLException {
        return Sql.one(connection, "SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE job_id = ?", Rows::job, jobId);
    }

    /** Records a running job of the namespace and returns it. */
    static Job insert(Connection connection, String jobId, JobKind kind, Namespace namespace, long total, Instant now)
            throws SQLException {
        return insertRunning(connection, jobId, kind, namespace, total, 0, now);
    }

    /**
     * Records a running job that reserves {@code reserved} new ids against the cap, and returns it:
     * one statement (the row comes back from the insert), as every round trip of a write is made
     * under the cluster's write lock.
     */
    static Job insertRunning(Connection connection, String jobId, JobKind kind, Namespace namespace, long total,
                            long reserved, Instant now) throws SQLException {
        return Sql.one(connection, "INSERT INTO jobs (job_id, kind, namespace_name, namespace_id, state, total,"
                + " reserved, started_at, updated_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?)"
                + " RETURNING " + Rows.JOB_COLUMNS, Rows::job,
                jobId, kind.name(), namespace.name(), namespace.id(), total, reserved, now.toEpochMilli(),
                now.toEpochMilli()).orElseThrow();
    }

    /**
     * Records an upload job already completed (its items stored in this transaction) and returns it:
     * {@code total} items processed and successful, {@code reserved} new ids counted at admission,
     * {@code stored} of them new when written.
     */
    static Job insertCompletedUpload(Connection connection, String jobId, Namespace namespace, long total,
                                     long reserved, long stored, Instant now) throws SQLException {
        long millis = now.toEpochMilli();
        return Sql.one(connection, "INSERT INTO jobs (job_id, kind, namespace_name, namespace_id, state, total,"
                + " processed, successful, reserved, reserved_used, started_at, updated_at, finished_at)"
                + " VALUES (?, ?, ?, ?, 'COMPLETED', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + Rows.JOB_COLUMNS, Rows::job,
                jobId, JobKind.UPLOAD.name(), namespace.name(), namespace.id(), total, total, total, reserved, stored,
                millis, millis, millis).orElseThrow();
    }

    /**
     * The job, which must be a running one of this kind, not leased to another node.
     *
     * @throws org.openmoorcheh.store.LeaseLostException when another node holds its lease
     * @throws IllegalStateException otherwise: a caller's bug, not bad input
     */
    Job running(Connection connection, String jobId, JobKind kind) throws SQLException {
        Job job = find(connection, jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        if (job.kind() != kind || job.state() != JobState.RUNNING) {
            throw new IllegalStateException("job " + jobId + " is " + job.kind() + "/" + job.state()
                    + ", expected a running " + kind);
        }
        if (leasedToAnother(connection, jobId)) {
            throw new org.openmoorcheh.store.LeaseLostException(jobId);
        }
        return job;
    }

    private boolean leasedToAnother(Connection connection, String jobId) throws SQLException {
        if (!dialect.sharedByNodes()) {
            return false;
        }
        String owner = Sql.one(connection, "SELECT lease_owner FROM jobs WHERE job_id = ?",
                rows -> Optional.ofNullable(rows.getString(1)), jobId).flatMap(found -> found).orElse(null);
        return owner != null && !owner.equals(node);
    }
}
