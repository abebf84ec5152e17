package org.openmoorcheh.server.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
     * Why a text namespace must not be used with the embedding model {@code current}: its vectors
     * come from another model, and comparing vectors across models returns confident nonsense.
     * Empty when they match, and for namespaces from before the space was recorded.
     */
    public static Optional<String> spaceMismatch(Namespace namespace, EmbeddingSpace current) {
        EmbeddingSpace recorded = namespace.embedding();
        if (recorded == null || recorded.equals(current)) {
            return Optional.empty();
        }
        return Optional.of("Namespace '" + namespace.name() + "' was embedded with " + recorded
                + " but this server embeds with " + current + ". Start the server with EMBEDDING_PROVIDER="
                + recorded.provider() + " and EMBEDDING_MODEL=" + recorded.model()
                + ", or re-create the namespace and upload its documents again.");
    }

    /** @throws ApiException 409 with the {@link #spaceMismatch} message when there is one */
    public static void requireSpace(Namespace namespace, EmbeddingSpace current) {
        spaceMismatch(namespace, current).ifPresent(message -> {
            throw ApiException.conflict(message);
        });
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
