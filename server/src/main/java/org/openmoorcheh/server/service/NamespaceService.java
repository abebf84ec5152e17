package org.openmoorcheh.server.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.jobs.JobIds;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.server.providers.EmbeddingModels;
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
    private final EmbeddingModels models;

    /** @param models the embedders; a new text namespace records the space of the one it is made with */
    public NamespaceService(Store store, Clock clock, JobRunner jobs, EmbeddingModels models) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
        this.models = models;
    }

    /**
     * @param embeddingModel the model a new text namespace asks for, or null for the configured one
     * @throws ConflictException when the name is taken, also by a namespace still being deleted; InvalidRequestException
     *     when the model is none this server can run
     */
    public Namespace create(String name, NamespaceType type, Integer vectorDimension, String embeddingModel) {
        EmbeddingSpace space = null;
        if (type == NamespaceType.TEXT) {
            space = models.spaceFor(embeddingModel).orElseThrow(() -> new InvalidRequestException("'embedding_model' \""
                    + embeddingModel + "\" is not available here; choose one of " + String.join(", ", models.choices())
                    + "."));
        }
        try {
            return store.createNamespace(name, type, vectorDimension, space, clock.instant());
        } catch (NamespaceConflictException e) {
            if (e.existing().isActive()) {
                throw new ConflictException("Namespace '" + name + "' already exists.");
            }
            throw new ConflictException("Namespace '" + name
                    + "' is still being deleted; create it again once its delete job has completed.");
        }
    }

    public List<Namespace> list() {
        return store.listActiveNamespaces();
    }

    /** The active namespace with this name. @throws NotFoundException when there is none */
    public Namespace active(String name) {
        return store.findNamespace(name)
                .filter(Namespace::isActive)
                .orElseThrow(() -> notFound(name));
    }

    /**
     * The one gate for what only a text namespace can do (documents, files, answers): the active
     * namespace with this name, of type text, embeddable by this server.
     *
     * @param forVector what to tell a client who named a vector namespace, after "Namespace 'x' is a
     *     vector namespace; "
     * @throws NotFoundException when there is none; InvalidRequestException for a vector namespace; ConflictException when it was embedded
     *     with a model this server cannot run
     */
    public Namespace activeText(String name, String forVector) {
        Namespace namespace = active(name);
        if (namespace.type() != NamespaceType.TEXT) {
            throw new InvalidRequestException("Namespace '" + name + "' is a vector namespace; " + forVector + ".");
        }
        requireEmbeddable(namespace);
        return namespace;
    }

    /** @throws ConflictException with {@link EmbeddingModels#mismatch}'s message when the namespace cannot be embedded here */
    public void requireEmbeddable(Namespace namespace) {
        models.mismatch(namespace).ifPresent(message -> {
            throw new ConflictException(message);
        });
    }

    /**
     * Starts the asynchronous delete of a namespace and its items.
     *
     * @throws NotFoundException for an unknown namespace; ConflictException when it is already being deleted
     */
    public Job delete(String name) {
        Job job = store.startNamespaceDelete(name, JobIds.next(), clock.instant())
                .orElseThrow(() -> store.findNamespace(name).isPresent()
                        ? new ConflictException("Namespace '" + name + "' is already being deleted.")
                        : notFound(name));
        jobs.wake();
        return job;
    }

    /** A namespace delete job, which stays readable after its namespace is gone. */
    public Job deleteJob(String name, String jobId) {
        return store.findJob(jobId)
                .filter(job -> job.kind() == JobKind.NAMESPACE_DELETE && job.namespaceName().equals(name))
                .orElseThrow(() -> new NotFoundException(
                        "Delete job '" + jobId + "' not found for namespace '" + name + "'."));
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("Namespace '" + name + "' not found.");
    }
}
