package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Uploads: admission against the cap with a durable payload, chunk by chunk application, completion.
 * Part of {@link Store}; its guarantees apply.
 */
public interface UploadStore {

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
}
