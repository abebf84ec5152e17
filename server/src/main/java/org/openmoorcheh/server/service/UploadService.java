package org.openmoorcheh.server.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.ItemLimitException;
import org.openmoorcheh.server.jobs.JobIds;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.PendingItem;
import org.openmoorcheh.store.QuotaExceededException;
import org.openmoorcheh.store.Store;

/**
 * Admits uploads: checks them against their namespace and the quota, and stores each accepted batch
 * durably as a job before the 202 (the acknowledgement point). Documents are embedded later by the
 * job runner; vectors are applied at once.
 */
public final class UploadService {

    private final Store store;
    private final Clock clock;
    private final JobRunner jobs;
    private final NamespaceService namespaces;
    private final ItemListener listener;
    private final WriteOrder writes;
    private final long maxItems;

    public UploadService(Store store, Clock clock, JobRunner jobs, NamespaceService namespaces,
                         ItemListener listener, WriteOrder writes, long maxItems) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
        this.namespaces = namespaces;
        this.listener = listener;
        this.writes = writes;
        this.maxItems = maxItems;
    }

    /**
     * Admits documents for embedding into a text namespace.
     *
     * @throws NotFoundException unknown namespace; InvalidRequestException vector namespace; ItemLimitException over the item cap; ConflictException
     *     embedded with another model
     */
    public Job uploadDocuments(String namespace, List<UploadEntry> documents) {
        Namespace target = namespaces.activeText(namespace, "upload vectors to it, or documents to a text namespace");
        return admit(target, documents);
    }

    /**
     * Admits vectors into a vector namespace.
     *
     * @throws NotFoundException unknown namespace; InvalidRequestException text namespace or wrong dimension; ItemLimitException over the cap
     */
    public Job uploadVectors(String namespace, List<UploadEntry> vectors) {
        Namespace target = namespaces.active(namespace);
        if (target.type() != NamespaceType.VECTOR) {
            throw new InvalidRequestException("Namespace '" + namespace + "' is a text namespace;"
                    + " upload documents to it, or vectors to a vector namespace.");
        }
        for (int i = 0; i < vectors.size(); i++) {
            UploadEntry entry = vectors.get(i);
            if (entry.vector().length != target.vectorDimension()) {
                throw new InvalidRequestException("vectors[" + i + "] ('" + entry.id() + "') has "
                        + entry.vector().length + " dimensions; namespace '" + namespace + "' expects "
                        + target.vectorDimension() + ".");
            }
        }
        return apply(target, vectors);
    }

    /** Text needs embedding: the batch becomes a durable payload that the job runner applies. */
    private Job admit(Namespace target, List<UploadEntry> entries) {
        List<PendingItem> payload = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            UploadEntry entry = entries.get(i);
            payload.add(new PendingItem(i, entry.id(), entry.text(), entry.metadataJson(), entry.vector()));
        }
        jobs.checkRoom();
        Job job = withQuota(() -> store.admitUpload(target.id(), JobIds.next(), payload, maxItems, clock.instant()),
                target);
        jobs.wake();
        return job;
    }

    /**
     * Vectors need no processing: they are stored in the admitting transaction and published to the
     * index before the 202, so the job the client polls is already completed. Writing each vector
     * once instead of twice (payload, then item) roughly halves the cost of vector ingestion.
     */
    private Job apply(Namespace target, List<UploadEntry> entries) {
        List<Item> items = new ArrayList<>(entries.size());
        for (UploadEntry entry : entries) {
            items.add(new Item(entry.id(), null, entry.metadataJson(), entry.vector(), false));
        }
        return writes.commitThenPublish(
                () -> withQuota(() -> store.applyUpload(target.id(), JobIds.next(), items, maxItems, clock.instant()),
                        target),
                job -> listener.stored(target.id(), items));
    }

    private static Job withQuota(Supplier<Optional<Job>> admission, Namespace target) {
        try {
            return admission.get()
                    .orElseThrow(() -> new NotFoundException("Namespace '" + target.name() + "' not found."));
        } catch (QuotaExceededException e) {
            throw new ItemLimitException(e);
        }
    }

    /** An upload job of this namespace. @throws NotFoundException when unknown or of another namespace */
    /**
     * An upload job and how many jobs of its namespace must finish before it starts (0 once it is
     * its namespace's first: being worked on, in turns with other namespaces' jobs).
     */
    public record JobStatus(Job job, long jobsAhead) {
    }

    /** @throws NotFoundException when unknown or of another namespace */
    public JobStatus uploadJobStatus(String namespace, String jobId) {
        Job job = uploadJob(namespace, jobId);
        return new JobStatus(job, job.state() == JobState.RUNNING ? store.jobsAhead(jobId) : 0);
    }

    public Job uploadJob(String namespace, String jobId) {
        return store.findJob(jobId)
                .filter(job -> job.kind() == JobKind.UPLOAD && job.namespaceName().equals(namespace))
                .orElseThrow(() -> new NotFoundException(
                        "Upload job '" + jobId + "' not found for namespace '" + namespace + "'."));
    }
}
