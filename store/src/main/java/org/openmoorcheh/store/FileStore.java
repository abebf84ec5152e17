package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The file registry and file jobs (ingest, delete). Part of {@link Store}; its guarantees apply.
 */
public interface FileStore {

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
