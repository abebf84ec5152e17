package org.openmoorcheh.server.service;

import java.time.Clock;
import java.util.List;
import org.openmoorcheh.server.api.ApiException;
import org.openmoorcheh.server.jobs.JobIds;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.store.EmbeddingSpace;
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
    private final EmbeddingSpace space;

    /** @param space the embedding space of this server's embedder, recorded on new text namespaces */
    public NamespaceService(Store store, Clock clock, JobRunner jobs, EmbeddingSpace space) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
        this.space = space;
    }

    /** @throws ApiException 409 when the name is taken, also by a namespace still being deleted */
    public Namespace create(String name, NamespaceType type, Integer vectorDimension) {
        try {
            return store.createNamespace(name, type, vectorDimension, type == NamespaceType.TEXT ? space : null,
                    clock.instant());
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
     * The active text namespace with this name, checked to be in this server's embedding space.
     *
     * @throws ApiException 404 when there is none, 409 when it was embedded with another model
     */
    public Namespace activeText(String name) {
        Namespace namespace = active(name);
        if (namespace.type() == NamespaceType.TEXT) {
            requireSpace(namespace, space);
        }
        return namespace;
    }

    /**
     * Refuses a text namespace whose vectors come from another embedding model than {@code current}:
     * comparing vectors across models would return confident nonsense. Namespaces from before the
     * space was recorded are accepted.
     *
     * @throws ApiException 409 naming both models and what to do
     */
    public static void requireSpace(Namespace namespace, EmbeddingSpace current) {
        EmbeddingSpace recorded = namespace.embedding();
        if (recorded != null && !recorded.equals(current)) {
            throw ApiException.conflict("Namespace '" + namespace.name() + "' was embedded with " + recorded
                    + " but this server embeds with " + current + ". Start the server with EMBEDDING_PROVIDER="
                    + recorded.provider() + " and EMBEDDING_MODEL=" + recorded.model()
                    + ", or re-create the namespace and upload its documents again.");
        }
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
