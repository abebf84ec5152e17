package org.openmoorcheh.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openmoorcheh.server.errors.BusyException;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.LeaseLostException;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreFullException;
import org.openmoorcheh.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable jobs one at a time in acceptance order on a single named thread. Running one job at
 * a time keeps per-namespace ordering trivially right (a later upload of an id wins; a delete
 * accepted after an upload runs after it); work inside a job may still use all cores.
 *
 * <p>There is no in-memory queue to overflow or lose: the runner claims the oldest running job
 * from the store, and {@link #wake()} only shortens its wait. Jobs left running by a crash are found
 * the same way at the next start.
 *
 * <p>When several nodes share the database, a job is claimed under a lease ({@link #DEFAULT_LEASE}),
 * renewed by the {@code moorcheh-job-lease} thread every third of it while the job runs. A node that
 * dies stops renewing; once the lease expires another node claims the job and resumes it from its
 * last committed step. A node whose lease was taken over (it stalled past the lease) is refused its
 * next step ({@link LeaseLostException}) and leaves the job to the new owner.
 *
 * <p>A database that goes away ({@link StoreUnavailableException}) or a full disk
 * ({@link StoreFullException}) fails no job: the job in hand
 * pauses at the step that could not commit, the runner polls each second, and when the database
 * answers again the node takes the same job up first (if its lease is still its own) from its last
 * committed step, as after a restart.
 */
public final class JobRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final long IDLE_POLL_MILLIS = 1_000;
    /**
     * A job's turn: after this long an upload or a namespace delete yields between two steps, and
     * the next claim takes the first job of another namespace if one waits (else the same job
     * again), so a small job is never stuck behind a big one of another namespace for more than
     * about a turn and one step (FairnessIT). Those two kinds commit every
     * step, so yielding loses no work; a file ingestion keeps its turn (it would re-read the file).
     */
    static final Duration TURN = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Unfinished jobs accepted at most by default ({@code MOORCHEH_MAX_QUEUED_JOBS}). */
    public static final long DEFAULT_MAX_QUEUED = 1_000;

    /** Told of every job the runner stops working on, with the state it left the job in. */
    @FunctionalInterface
    public interface Observer {
        void finished(Job job, String state, long nanos);
    }

    private final Store store;
    private final Clock clock;
    private volatile Observer observer = (job, state, nanos) -> { };
    private final Map<JobKind, JobWork> work;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private final Duration lease;
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread renewer = new Thread(task, "moorcheh-job-lease");
        renewer.setDaemon(true);
        return renewer;
    });
    private volatile boolean stopping;
    /** The job being run, for the lease renewer; null between jobs. */
    private volatile Job current;
    /** Set by the renewer when the current job's lease could not be renewed: stop working on it. */
    private volatile boolean leaseLost;
    /** The job paused because the database went away, to be taken up first when it answers; runner thread only. */
    private String pausedByOutage;
    /** Unfinished jobs beyond which new work is refused. */
    private final long maxQueued;
    /** The namespace whose job last yielded its turn, or -1; runner thread only. */
    private long yieldedNamespace = -1;
    /** Whether the database is known to be away (for one log line per outage); runner thread only. */
    private boolean outage;

    public JobRunner(Store store, Clock clock, Map<JobKind, JobWork> work) {
        this(store, clock, work, DEFAULT_LEASE);
    }

    public JobRunner(Store store, Clock clock, Map<JobKind, JobWork> work, Duration lease) {
        this(store, clock, work, lease, DEFAULT_MAX_QUEUED);
    }

    /** @param maxQueued unfinished jobs beyond which uploads and file ingestions are refused ({@link #checkRoom}) */
    public JobRunner(Store store, Clock clock, Map<JobKind, JobWork> work, Duration lease, long maxQueued) {
        this.maxQueued = maxQueued;
        this.store = store;
        this.clock = clock;
        this.work = new EnumMap<>(work);
        this.lease = lease;
        this.thread = new Thread(this::loop, "moorcheh-jobs-1");
    }

    /** Sets who hears of finished jobs (metrics); call before {@link #start()}. */
    public void observe(Observer observer) {
        this.observer = observer;
    }

    public void start() {
        long every = Math.max(100, lease.toMillis() / 3);
        leases.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        thread.start();
    }

    private void renew() {
        Job job = current;
        if (job == null) {
            return;
        }
        try {
            if (!store.renewLease(job.jobId(), clock.instant().plus(lease)) && current == job) {
                leaseLost = true;
            }
        } catch (RuntimeException e) {
            // The database is unreachable: keep trying; the job's own steps will fail the same way.
            LOG.warn("could not renew the lease of job {}: {}", job.jobId(), e.getMessage());
        }
    }

    /** Tells the runner that a job was accepted; cheap and safe to call from any thread. */
    public void wake() {
        wakeups.release();
    }

    private void loop() {
        while (!stopping) {
            try {
                String paused = pausedByOutage;
                if (paused != null) {
                    // Still ours (the lease was renewable): resume it from its last committed step. While
                    // the store still cannot write, this throws and the job stays marked for the next try.
                    boolean ours = store.renewLease(paused, clock.instant().plus(lease));
                    pausedByOutage = null;
                    if (ours) {
                        Optional<Job> again = store.findJob(paused);
                        if (again.isPresent()) {
                            LOG.info("job {} resumes: the store can write again", paused);
                            databaseBack();
                            runOne(again.get());
                            continue;
                        }
                    }
                }
                Optional<Job> next = store.claimNextJob(lease, clock.instant(), yieldedNamespace);
                yieldedNamespace = -1;
                databaseBack();
                if (next.isEmpty()) {
                    wakeups.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                    continue;
                }
                runOne(next.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreUnavailableException | StoreFullException e) {
                // A database away, or a full disk, for a while: say so once, then keep trying each second.
                if (!outage) {
                    outage = true;
                    LOG.warn("job runner paused: {}", e.getMessage());
                }
                sleepQuietly();
            } catch (RuntimeException e) {
                // The store itself failed (disk full, I/O): back off instead of spinning.
                LOG.error("job runner could not read the job queue", e);
                sleepQuietly();
            }
        }
    }

    private void runOne(Job job) {
        JobWork jobWork = work.get(job.kind());
        long started = System.nanoTime();
        LOG.info("job {} ({} of namespace '{}') running", job.jobId(), job.kind(), job.namespaceName());
        leaseLost = false;
        current = job;
        try {
            if (jobWork == null) {
                throw new IllegalStateException("this server cannot run " + job.kind() + " jobs");
            }
            boolean takesTurns = job.kind() == JobKind.UPLOAD || job.kind() == JobKind.NAMESPACE_DELETE;
            long turnEnds = started + TURN.toNanos();
            jobWork.run(job, () -> stopping || leaseLost || takesTurns && System.nanoTime() > turnEnds);
            if (!leaseLost && !stopping && takesTurns && System.nanoTime() > turnEnds
                    && store.findJob(job.jobId()).filter(now -> now.state() == JobState.RUNNING).isPresent()) {
                LOG.info("job {} yields its turn after {} ms; jobs of other namespaces go first", job.jobId(),
                        (System.nanoTime() - started) / 1_000_000);
                yieldedNamespace = job.namespaceId();
            } else if (leaseLost) {
                LOG.warn("job {} left to another node: its lease could not be renewed", job.jobId());
                observer.finished(job, "taken over", System.nanoTime() - started);
            } else if (stopping) {
                LOG.info("job {} paused by shutdown; it resumes at the next start", job.jobId());
                observer.finished(job, "paused", System.nanoTime() - started);
            } else {
                LOG.info("job {} finished in {} ms", job.jobId(), (System.nanoTime() - started) / 1_000_000);
                observer.finished(job, store.findJob(job.jobId()).map(done -> done.state().name()
                        .toLowerCase(java.util.Locale.ROOT)).orElse("gone"), System.nanoTime() - started);
            }
        } catch (LeaseLostException e) {
            LOG.warn("job {} left to another node: {}", job.jobId(), e.getMessage());
            observer.finished(job, "taken over", System.nanoTime() - started);
        } catch (Exception e) {
            if (stopping) {
                LOG.info("job {} interrupted by shutdown; it resumes at the next start", job.jobId());
                return;
            }
            if (causedByOutage(e)) {
                // Transient: the job is not failed; this node takes it up again when the store can write.
                LOG.warn("job {} paused: {}; it resumes when the store can write again", job.jobId(), e.getMessage());
                observer.finished(job, "paused", System.nanoTime() - started);
                pausedByOutage = job.jobId();
                outage = true;
                return;
            }
            LOG.error("job {} failed", job.jobId(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.failJob(job.jobId(), message, clock.instant());
            observer.finished(job, "failed", System.nanoTime() - started);
        } finally {
            current = null;
        }
    }

    private void databaseBack() {
        if (outage) {
            outage = false;
            LOG.info("job runner resumed: the store answers again");
        }
    }

    private static boolean causedByOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StoreUnavailableException || cause instanceof StoreFullException) {
                return true;
            }
        }
        return false;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * Refuses new work while the queue is full: the jobs accepted and unfinished (on every node of a
     * shared database) are at the bound. Checked before admitting, so concurrent requests may pass
     * it by a few; what it bounds is growth without end, not an exact count.
     *
     * @throws BusyException when the queue is full (HTTP 429 with Retry-After)
     */
    public void checkRoom() {
        long unfinished = store.unfinishedJobs();
        if (unfinished >= maxQueued) {
            throw new BusyException("The job queue is full: " + unfinished + " jobs are waiting or running (the limit"
                    + " is " + maxQueued + ", MOORCHEH_MAX_QUEUED_JOBS). Retry once some have finished.");
        }
    }

    /** Asks the running job to pause at its next step and waits for the thread to end. */
    @Override
    public void close() {
        stopping = true;
        wakeups.release();
        leases.shutdownNow();
        try {
            thread.join(30_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
