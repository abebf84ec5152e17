package org.openmoorcheh.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable job record. Job records outlive their namespace: {@code namespaceId} may point at a
 * namespace that no longer exists.
 *
 * <p>Counters by kind: an upload uses {@code total/processed/successful/failed}; a namespace
 * delete uses {@code total} (items when the delete began) and {@code processed} (items removed);
 * file jobs also use {@code summariesCreated} and {@code itemsDeleted}.
 *
 * @param seq acceptance order; jobs run in this order
 * @param finishedAt null while the job is running
 * @param lastError null unless something failed
 */
public record Job(
        long seq,
        String jobId,
        JobKind kind,
        String namespaceName,
        long namespaceId,
        JobState state,
        long total,
        long processed,
        long successful,
        long failed,
        long summariesCreated,
        long itemsDeleted,
        String fileId,
        String absolutePath,
        String lastError,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespaceName, "namespaceName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
