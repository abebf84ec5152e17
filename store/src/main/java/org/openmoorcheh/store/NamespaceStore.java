package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Namespaces: their creation, lookup and deletion (a job: items go in batches, then the namespace
 * with its files and calibration). Part of {@link Store}; its guarantees apply.
 */
public interface NamespaceStore {

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

    /** The namespace with this internal id in any state, or empty. */
    Optional<Namespace> findNamespaceById(long namespaceId);

    /** All active namespaces, sorted by name. Namespaces being deleted are left out. */
    List<Namespace> listActiveNamespaces();

    /**
     * Marks an active namespace as being deleted and records a running delete job for it whose
     * {@code total} is the namespace's item count, in one transaction.
     *
     * @return the new job, or empty when no active namespace has the name
     */
    Optional<Job> startNamespaceDelete(String name, String jobId, Instant now);

    /**
     * Removes up to {@code batchSize} items of the namespace of a running delete job and advances
     * the job's progress in the same transaction.
     *
     * @return the number of items removed; 0 when the namespace holds no more items
     */
    int deleteNamespaceItems(String jobId, int batchSize, Instant now);

    /** Removes the (empty) namespace of a delete job with its file registry, and completes the job. */
    void completeNamespaceDelete(String jobId, Instant now);
}
