package org.openmoorcheh.server.jobs;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a file's chunks and registry entry in one transaction; the file on disk is not touched. */
public final class FileDeleteWork implements JobWork {

    private static final Logger LOG = LoggerFactory.getLogger(FileDeleteWork.class);

    private final Store store;
    private final Clock clock;
    private final ItemListener listener;
    private final WriteOrder writes;

    public FileDeleteWork(Store store, Clock clock, ItemListener listener, WriteOrder writes) {
        this.store = store;
        this.clock = clock;
        this.listener = listener;
        this.writes = writes;
    }

    @Override
    public void run(Job job, BooleanSupplier stopRequested) {
        int deleted = writes.commitThenPublish(() -> store.applyFileDelete(job.jobId(), clock.instant()),
                ids -> listener.deleted(job.namespaceId(), ids)).size();
        LOG.info("job {}: file {} deleted, {} chunks removed", job.jobId(), job.absolutePath(), deleted);
    }
}
