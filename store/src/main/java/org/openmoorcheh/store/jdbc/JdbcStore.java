package org.openmoorcheh.store.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openmoorcheh.store.ChunkOutcome;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.FileEntry;
import org.openmoorcheh.store.FileRecord;
import org.openmoorcheh.store.FileVersion;
import org.openmoorcheh.store.IndexCalibration;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.ItemFilter;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.PendingItem;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.TextItem;

/**
 * A {@link Store} made of the role classes of this package over one database: SQLite and
 * PostgreSQL subclasses give the connections ({@link Transactions}), the {@link Dialect}, the API
 * keys, backups and closing. The calls below only say which role answers.
 */
public abstract class JdbcStore implements Store {

    private final JdbcNamespaces namespaces;
    private final JdbcItems items;
    private final JdbcJobs jobs;
    private final JdbcUploads uploads;
    private final JdbcFiles files;
    private final JdbcCalibrations calibrations;
    private final JdbcChanges changes;

    protected JdbcStore(Transactions database, Dialect dialect) {
        // Who this open store is among the nodes sharing the database: in job leases and the change log.
        String node = java.util.UUID.randomUUID().toString();
        this.changes = new JdbcChanges(database, dialect, node);
        this.items = new JdbcItems(database, dialect, changes);
        this.jobs = new JdbcJobs(database, dialect, changes, node);
        this.namespaces = new JdbcNamespaces(database, items, jobs, changes);
        this.uploads = new JdbcUploads(database, items, jobs);
        this.files = new JdbcFiles(database, items, jobs);
        this.calibrations = new JdbcCalibrations(database);
    }

    // ---- Namespaces

    @Override
    public Namespace createNamespace(String name, NamespaceType type, Integer vectorDimension,
                                     EmbeddingSpace embedding, Instant now) {
        return namespaces.createNamespace(name, type, vectorDimension, embedding, now);
    }

    @Override
    public Optional<Namespace> findNamespace(String name) {
        return namespaces.findNamespace(name);
    }

    @Override
    public Optional<Namespace> findNamespaceById(long namespaceId) {
        return namespaces.findNamespaceById(namespaceId);
    }

    @Override
    public List<Namespace> listActiveNamespaces() {
        return namespaces.listActiveNamespaces();
    }

    @Override
    public Optional<Job> startNamespaceDelete(String name, String jobId, Instant now) {
        return namespaces.startNamespaceDelete(name, jobId, now);
    }

    @Override
    public int deleteNamespaceItems(String jobId, int batchSize, Instant now) {
        return namespaces.deleteNamespaceItems(jobId, batchSize, now);
    }

    @Override
    public void completeNamespaceDelete(String jobId, Instant now) {
        namespaces.completeNamespaceDelete(jobId, now);
    }

    // ---- Items

    @Override
    public long totalItems() {
        return items.totalItems();
    }

    @Override
    public List<TextItem> describeItems(long namespaceId, List<String> ids) {
        return items.describeItems(namespaceId, ids);
    }

    @Override
    public List<String> deleteItems(long namespaceId, List<String> ids) {
        return items.deleteItems(namespaceId, ids);
    }

    @Override
    public List<TextItem> textItemsAfter(long namespaceId, String afterId, int limit) {
        return items.textItemsAfter(namespaceId, afterId, limit);
    }

    @Override
    public Set<String> matchingIds(long namespaceId, ItemFilter filter) {
        return items.matchingIds(namespaceId, filter);
    }

    @Override
    public void forEachVector(long namespaceId, VectorSink sink) {
        items.forEachVector(namespaceId, sink);
    }

    // ---- Jobs

    @Override
    public Optional<Job> findJob(String jobId) {
        return jobs.findJob(jobId);
    }

    @Override
    public List<Job> recentJobs(int limit) {
        return jobs.recentJobs(limit);
    }

    @Override
    public long runningJobs() {
        return jobs.runningJobs();
    }

    @Override
    public long unfinishedJobs() {
        return jobs.unfinishedJobs();
    }

    @Override
    public long jobsAhead(String jobId) {
        return jobs.jobsAhead(jobId);
    }

    @Override
    public Optional<Job> claimNextJob(java.time.Duration lease, Instant now, long yieldedNamespaceId) {
        return jobs.claimNextJob(lease, now, yieldedNamespaceId);
    }

    @Override
    public boolean renewLease(String jobId, Instant until) {
        return jobs.renewLease(jobId, until);
    }

    @Override
    public Optional<Job> nextRunnableJob() {
        return jobs.nextRunnableJob();
    }

    @Override
    public void failJob(String jobId, String error, Instant now) {
        jobs.failJob(jobId, error, now);
    }

    // ---- Uploads

    @Override
    public Optional<Job> admitUpload(long namespaceId, String jobId, List<PendingItem> pending, long maxItems,
                                     Instant now) {
        return uploads.admitUpload(namespaceId, jobId, pending, maxItems, now);
    }

    @Override
    public Optional<Job> applyUpload(long namespaceId, String jobId, List<Item> batch, long maxItems, Instant now) {
        return uploads.applyUpload(namespaceId, jobId, batch, maxItems, now);
    }

    @Override
    public List<PendingItem> pendingUploadItems(String jobId, int limit) {
        return uploads.pendingUploadItems(jobId, limit);
    }

    @Override
    public void commitUploadChunk(String jobId, ChunkOutcome outcome, Instant now) {
        uploads.commitUploadChunk(jobId, outcome, now);
    }

    @Override
    public void completeUpload(String jobId, Instant now) {
        uploads.completeUpload(jobId, now);
    }

    // ---- Files

    @Override
    public Optional<FileRecord> findFile(long namespaceId, String fileId) {
        return files.findFile(namespaceId, fileId);
    }

    @Override
    public List<FileRecord> listFiles(long namespaceId) {
        return files.listFiles(namespaceId);
    }

    @Override
    public Optional<Job> startFileIngest(long namespaceId, String jobId, List<FileEntry> entries, Instant now) {
        return files.startFileIngest(namespaceId, jobId, entries, now);
    }

    @Override
    public List<FileEntry> pendingFiles(String jobId) {
        return files.pendingFiles(jobId);
    }

    @Override
    public void reportFileProgress(String jobId, long chunksTotal, long chunksProcessed, long summariesCreated,
                                   Instant now) {
        files.reportFileProgress(jobId, chunksTotal, chunksProcessed, summariesCreated, now);
    }

    @Override
    public List<String> commitFileVersion(String jobId, FileVersion version, long maxItems, Instant now) {
        return files.commitFileVersion(jobId, version, maxItems, now);
    }

    @Override
    public void failFile(String jobId, String fileId, String error, Instant now) {
        files.failFile(jobId, fileId, error, now);
    }

    @Override
    public void completeFileIngest(String jobId, Instant now) {
        files.completeFileIngest(jobId, now);
    }

    @Override
    public Optional<Job> startFileDelete(long namespaceId, String jobId, String fileId, Instant now) {
        return files.startFileDelete(namespaceId, jobId, fileId, now);
    }

    @Override
    public List<String> applyFileDelete(String jobId, Instant now) {
        return files.applyFileDelete(jobId, now);
    }

    // ---- Change log

    @Override
    public long lastChange() {
        return changes.lastChange();
    }

    @Override
    public List<org.openmoorcheh.store.Change> changesAfter(long position, int limit) {
        return changes.changesAfter(position, limit);
    }

    @Override
    public List<Item> takeWrittenItems(long seq) {
        return changes.takeWritten(seq);
    }

    @Override
    public void forgetWrittenThrough(long position) {
        changes.forgetWrittenThrough(position);
    }

    @Override
    public List<Item> itemsById(long namespaceId, java.util.Collection<String> ids) {
        return changes.itemsById(namespaceId, ids);
    }

    @Override
    public void recordApplied(long position, Instant now) {
        changes.recordApplied(position, now);
    }

    @Override
    public long prunedThrough() {
        return changes.prunedThrough();
    }

    @Override
    public int pruneChanges(Instant liveSince, int limit) {
        return changes.pruneChanges(liveSince, limit);
    }

    // ---- Calibrations

    @Override
    public Optional<IndexCalibration> findCalibration(long namespaceId) {
        return calibrations.findCalibration(namespaceId);
    }

    @Override
    public void saveCalibration(long namespaceId, IndexCalibration calibration) {
        calibrations.saveCalibration(namespaceId, calibration);
    }
}
