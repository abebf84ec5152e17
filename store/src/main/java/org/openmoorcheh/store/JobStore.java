package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs of every kind: lookup, the queue order and failure. Each kind's own steps live with its
 * aggregate ({@link NamespaceStore}, {@link UploadStore}, {@link FileStore}). Part of {@link Store}.
 */
public interface JobStore {

    /** The job with this id, whatever its namespace or state, or empty. */
    Optional<Job> findJob(String jobId);

    /** The most recently accepted jobs of every kind and state, newest first. */
    List<Job> recentJobs(int limit);

    /** How many jobs are running (accepted and not finished): the depth of the job queue. */
    long runningJobs();

    /**
     * Takes the lease of the running job accepted first that no other node holds (no lease, an
     * expired one, or this store's own), for {@code lease} from {@code now}, and returns it. While
     * the lease holds, the steps of that job are refused to every other node; a node that dies
     * loses its lease when it expires and another node resumes the job from its last committed step.
     * A store that is its database's only user (SQLite) has no other nodes: it takes any running job.
     */
    default Optional<Job> claimNextJob(java.time.Duration lease, Instant now) {
        return claimNextJob(lease, now, -1);
    }

    /**
     * As {@link #claimNextJob(java.time.Duration, Instant)}, fairly: only the first running job of
     * each namespace may be taken (a namespace's jobs run in the order they were accepted, on every
     * node), and jobs of other namespaces go before {@code yieldedNamespaceId}'s, whose job just
     * yielded its turn. Among the rest the one accepted first is taken.
     */
    Optional<Job> claimNextJob(java.time.Duration lease, Instant now, long yieldedNamespaceId);

    /**
     * How many running jobs of the same namespace were accepted before this one and must finish
     * first: 0 for its namespace's first job (being worked on, in turns with other namespaces'), and
     * for a job that is no longer running or unknown.
     */
    long jobsAhead(String jobId);

    /** Jobs accepted and not finished, on every node: the length of the queue. */
    long unfinishedJobs();

    /**
     * Extends this store's lease of a job to {@code until}.
     *
     * @return false when the job is no longer running or another node holds it: stop working on it
     */
    boolean renewLease(String jobId, Instant until);

    /** The running job accepted first, or empty when none is running. */
    Optional<Job> nextRunnableJob();

    /**
     * Ends a running job as failed with the given error. A failed namespace delete makes its
     * namespace active again, holding the items not yet removed.
     */
    void failJob(String jobId, String error, Instant now);
}
