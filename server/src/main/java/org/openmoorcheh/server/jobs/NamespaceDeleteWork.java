package org.openmoorcheh.server.jobs;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a namespace in batches so that a large namespace neither holds the write lock for long
 * nor loses progress on a crash: each batch removes items and advances {@code deleted_items} in one
 * transaction. When no item is left, the namespace row goes and the job completes, also atomically.
 */
public final class NamespaceDeleteWork implements JobWork {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceDeleteWork.class);
    private static final long PROGRESS_LOG_NANOS = 5_000_000_000L;

    private final Store store;
    private final Clock clock;
    private final int batchSize;

    private final ItemListener listener;
    private final WriteOrder writes;

    public NamespaceDeleteWork(Store store, Clock clock, int batchSize, ItemListener listener, WriteOrder writes) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
        this.listener = listener;
        this.writes = writes;
    }

    @Override
    public void run(Job job, BooleanSupplier stopRequested) {
        // The namespace is invisible from the moment its delete was accepted; drop it from memory at once,
        // after any upload that committed before the delete has been published.
        writes.commitThenPublish(() -> job, accepted -> listener.dropped(accepted.namespaceId()));
        long deleted = job.processed();
        long lastLog = System.nanoTime();
        while (!stopRequested.getAsBoolean()) {
            int removed = store.deleteNamespaceItems(job.jobId(), batchSize, clock.instant());
            if (removed == 0) {
                store.completeNamespaceDelete(job.jobId(), clock.instant());
                return;
            }
            deleted += removed;
            if (System.nanoTime() - lastLog > PROGRESS_LOG_NANOS) {
                LOG.info("job {}: deleted {} of {} items", job.jobId(), deleted, job.total());
                lastLog = System.nanoTime();
            }
        }
    }
}
