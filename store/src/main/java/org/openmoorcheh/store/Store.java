package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The single source of truth for namespaces, items, jobs and the file registry.
 *
 * <p>Implementations must:
 * <ul>
 *   <li>make every mutating call durable before it returns (a caller may acknowledge it to a
 *       client as soon as the call returns);</li>
 *   <li>make every mutating call atomic: after a crash either all of its effect is visible or
 *       none of it;</li>
 *   <li>be safe for concurrent use by many threads.</li>
 * </ul>
 * Failures that are not the caller's fault surface as {@link StoreException}.
 */
public interface Store extends AutoCloseable {

    /** The API keys, stored beside the data so that a backup carries them. */
    ApiKeys apiKeys();

    /**
     * Writes a consistent copy of the whole store (data, jobs and keys as of one moment) to a new
     * file while writes go on; the copy is a complete database that {@link #open}-style start-up
     * accepts as it is.
     *
     * @throws StoreException when the target exists or cannot be written
     */
    void backupTo(java.nio.file.Path target);

    /**
     * Creates an active namespace.
     *
     * @param vectorDimension the fixed dimension for vector namespaces, null for text namespaces
     * @param embedding the space of a text namespace's vectors, null for vector namespaces
     * @throws NamespaceConflictException if any stored namespace (active or being deleted) has the name
     */
    Namespace createNamespace(String name, NamespaceType type, Integer vectorDimension, EmbeddingSpace embedding,
                              Instant now);

    /** Creates an active namespace with no recorded embedding space (vector namespaces, tests). */
    default Namespace createNamespace(String name, NamespaceType type, Integer vectorDimension, Instant now) {
        return createNamespace(name, type, vectorDimension, null, now);
    }

    /** The namespace with this name in any state, or empty. */
    Optional<Namespace> findNamespace(String name);

    /** All active namespaces, sorted by name. Namespaces being deleted are left out. */
    List<Namespace> listActiveNamespaces();

    /** Items stored across all namespaces, including those not yet removed by a running delete job. */
    long totalItems();

    /**
     * Marks an active namespace as being deleted and records a running delete job for it whose
     * {@code total} is the namespace's item count, in one transaction.
     *
     * @return the new job, or empty when no active namespace has the name
     */
    Optional<Job> startNamespaceDelete(String name, String jobId, Instant now);

    /** The job with this id, whatever its namespace or state, or empty. */
    Optional<Job> findJob(String jobId);

    /** The most recently accepted jobs of every kind and state, newest first. */
    List<Job> recentJobs(int limit);

    /** How many jobs are running (accepted and not finished): the depth of the job queue. */
    long runningJobs();

    /** The running job accepted first, or empty when none is running. */
    Optional<Job> nextRunnableJob();

    /**
     * Removes up to {@code batchSize} items of the namespace of a running delete job and advances
     * the job's progress in the same transaction.
     *
     * @return the number of items removed; 0 when the namespace holds no more items
     */
    int deleteNamespaceItems(String jobId, int batchSize, Instant now);

    /** Removes the (empty) namespace of a delete job with its file registry, and completes the job. */
    void completeNamespaceDelete(String jobId, Instant now);

    /**
     * Ends a running job as failed with the given error. A failed namespace delete makes its
     * namespace active again, holding the items not yet removed.
     */
    void failJob(String jobId, String error, Instant now);

    /**
     * Inserts or replaces items of an active namespace by id, keeping the namespace's item count
     * exact.
     *
     * @return how many of the items were new ids in the namespace
     */
    int upsertItems(long namespaceId, List<Item> items, Instant now);

    /**
     * Text and metadata (no vector) of items of a namespace, in request order, each id once; unknown
     * ids are left out. What search results and {@code items/get} need, read in one statement.
     */
    List<TextItem> describeItems(long namespaceId, List<String> ids);

    /**
     * Admits an upload in one transaction: checks that the namespace is active, counts the distinct
     * ids of the batch that are new to it, reserves them against the cap, and stores a running
     * upload job with the whole batch as its durable payload. When this returns, the upload
     * survives any crash.
     *
     * <p>The cap counts stored items plus the new ids reserved by unfinished uploads, so
     * concurrent uploads cannot together pass it.
     *
     * @param items the batch in request order; a repeated id is applied in order, the last wins
     * @return the new job, or empty when no active namespace has that id
     * @throws QuotaExceededException when the new ids would pass {@code maxItems}; nothing is stored
     */
    Optional<Job> admitUpload(long namespaceId, String jobId, List<PendingItem> items, long maxItems, Instant now);

    /**
     * Admits and applies an upload that needs no processing (client vectors) in one transaction:
     * the same checks and quota as {@link #admitUpload}, then the items are upserted in order and
     * the job is recorded as completed. Writing each vector once instead of twice (payload, then
     * item) is what makes vector ingestion fast.
     *
     * @return the completed job, or empty when no active namespace has that id
     * @throws QuotaExceededException when the new ids would pass {@code maxItems}; nothing is stored
     */
    Optional<Job> applyUpload(long namespaceId, String jobId, List<Item> items, long maxItems, Instant now);

    /** Up to {@code limit} payload entries of an upload job not yet applied, in position order. */
    List<PendingItem> pendingUploadItems(String jobId, int limit);

    /**
     * Applies a chunk of an upload job in one transaction: upserts the stored items, marks every
     * position of the chunk applied, and advances {@code processed}, {@code successful},
     * {@code failed} and {@code last_error}. Positions already applied are ignored, so replaying a
     * chunk after a crash is harmless.
     */
    void commitUploadChunk(String jobId, ChunkOutcome outcome, Instant now);

    /**
     * Completes an upload job whose payload is all applied, and drops its payload.
     *
     * @throws IllegalStateException if entries are still pending
     */
    void completeUpload(String jobId, Instant now);

    /**
     * Deletes items of a namespace by id at once, keeping its count exact.
     *
     * @return the ids that were present and are now deleted, in request order, without repeats
     */
    List<String> deleteItems(long namespaceId, List<String> ids);

    /**
     * A page of a namespace's items in id order, starting after {@code afterId} (null for the
     * first page). Keyset paging: an item present for the whole walk is returned exactly once,
     * whatever is added or deleted between pages.
     */
    List<TextItem> textItemsAfter(long namespaceId, String afterId, int limit);

    /** The namespace with this internal id in any state, or empty. */
    Optional<Namespace> findNamespaceById(long namespaceId);

    /** Ids of the namespace's items that pass the filter (evaluated in the store, over every item). */
    java.util.Set<String> matchingIds(long namespaceId, ItemFilter filter);

    /** Receives the stored vectors of a namespace, one item at a time. */
    @FunctionalInterface
    interface VectorSink {
        void accept(String id, float[] vector);
    }

    /**
     * Streams the vectors of a namespace in the order their ids were first stored (replacing an item
     * keeps its place; a deleted id stored again comes last). An index rebuilt in this order gives
     * every item the ordinal it had before.
     */
    void forEachVector(long namespaceId, VectorSink sink);

    /** The saved thresholds of a namespace's codes, or empty. */
    Optional<IndexCalibration> findCalibration(long namespaceId);

    /** Saves (replaces) the thresholds of a namespace's codes. */
    void saveCalibration(long namespaceId, IndexCalibration calibration);

    /** Releases connections; calls after close fail. */
    @Override
    void close();

    // ---- File registry and file jobs -------------------------------------------------------------

    /** The registered file with this id in the namespace. */
    Optional<FileRecord> findFile(long namespaceId, String fileId);

    /** The namespace's registered files, sorted by filename, then path. */
    List<FileRecord> listFiles(long namespaceId);

    /**
     * Starts a durable ingest job for the files (in order) and marks each registered as
     * {@code PROCESSING} (an already indexed version keeps its chunks until the new one commits).
     * The job's {@code fileId}/{@code absolutePath} are those of the first file.
     *
     * @return empty when the namespace is not active
     */
    Optional<Job> startFileIngest(long namespaceId, String jobId, List<FileEntry> files, Instant now);

    /** The files of an ingest job not yet committed or failed, in order. */
    List<FileEntry> pendingFiles(String jobId);

    /**
     * Records progress of the file being processed; the job's counters become what its earlier
     * files committed plus these (so a file restarted after a crash is not counted twice).
     */
    void reportFileProgress(String jobId, long chunksTotal, long chunksProcessed, long summariesCreated, Instant now);

    /**
     * Replaces every chunk of the file with the new version and marks it {@code INDEXED}, atomically:
     * after a crash either the old chunks or the new ones are stored, never a mix. Advances the job
     * past this file.
     *
     * @return ids of old chunks that the new version no longer has (deleted)
     * @throws QuotaExceededException when the new chunks would pass the cap (nothing written)
     */
    List<String> commitFileVersion(String jobId, FileVersion version, long maxItems, Instant now);

    /** Marks the file {@code FAILED} with the error (its old chunks stay) and advances the job past it. */
    void failFile(String jobId, String fileId, String error, Instant now);

    /** Ends an ingest job: {@code COMPLETED}, or {@code FAILED} when any of its files failed. */
    void completeFileIngest(String jobId, Instant now);

    /**
     * Starts a durable job that deletes a registered file's chunks and registry entry.
     *
     * @return empty when the namespace is not active or has no such file
     */
    Optional<Job> startFileDelete(long namespaceId, String jobId, String fileId, Instant now);

    /**
     * Runs a file delete job in one transaction: removes the file's chunks and registry entry,
     * records {@code items_deleted} and completes the job.
     *
     * @return the ids of the deleted chunks
     */
    List<String> applyFileDelete(String jobId, Instant now);
}
