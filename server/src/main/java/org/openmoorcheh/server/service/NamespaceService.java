package org.openmoorcheh.server.service;

import java.time.Clock;
import java.util.List;
import org.openmoorcheh.server.api.ApiException;
import org.openmoorcheh.server.jobs.JobIds;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceConflictException;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;

/**
 * Creating, listing and deleting namespaces. A namespace being deleted is gone for every caller
 * (404, not listed) except that its name stays taken until its delete job completes.
 */
public final class NamespaceService {

    private final Store store;
    private final Clock clock;
    private final JobRunner jobs;

    public NamespaceService(Store store, Clock clock, JobRunner jobs) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** @throws ApiException 409 when the name is taken, also by a namespace still being deleted */
    public Namespace create(String name, NamespaceType type, Integer vectorDimension) {
        try {
            return store.createNamespace(name, type, vectorDimension, clock.instant());
        } catch (NamespaceConflictException e) {
            if (e.existing().isActive()) {
                throw ApiException.conflict("Namespace '" + name + "' already exists.");
            }
            throw ApiException.conflict("Namespace '" + name
                    + "' is still being deleted; create it again once its delete job has completed.");
        }
    }

    public List<Namespace> list() {
        return store.listActiveNamespaces();
    }

    /** The active namespace with this name. @throws ApiException 404 when there is none */
    public Namespace active(String name) {
        return store.findNamespace(name)
                .filter(Namespace::isActive)
                .orElseThrow(() -> notFound(name));
    }

    /**
     * Starts the asynchronous delete of a namespace and its items.
     *
     * @throws ApiException 404 for an unknown namespace, 409 when it is already being deleted
     */
    public Job delete(String name) {
        Job job = store.startNamespaceDelete(name, JobIds.next(), clock.instant())
                .orElseThrow(() -> store.findNamespace(name).isPresent()
                        ? ApiException.conflict("Namespace '" + name + "' is already being deleted.")
                        : notFound(name));
        jobs.wake();
        return job;
    }

    /** A namespace delete job, which stays readable after its namespace is gone. */
    public Job deleteJob(String name, String jobId) {
        return store.findJob(jobId)
                .filter(job -> job.kind() == JobKind.NAMESPACE_DELETE && job.namespaceName().equals(name))
                .orElseThrow(() -> ApiException.notFound(
                        "Delete job '" + jobId + "' not found for namespace '" + name + "'."));
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("Namespace '" + name + "' not found.");
    }
}
