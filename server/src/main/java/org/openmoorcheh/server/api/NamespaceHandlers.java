package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import org.openmoorcheh.server.service.NamespaceService;

/** {@code /namespaces}: create, list, delete (a job) and the delete job's status. */
public final class NamespaceHandlers {

    private final NamespaceService namespaces;
    private final RequestBodies bodies;

    public NamespaceHandlers(NamespaceService namespaces, RequestBodies bodies) {
        this.namespaces = namespaces;
        this.bodies = bodies;
    }

    public void create(Context ctx) {
        CreateNamespaceRequest request = CreateNamespaceRequest.from(bodies.object(ctx));
        var created = namespaces.create(request.name(), request.type(), request.vectorDimension(),
                request.embeddingModel());
        ctx.status(201).json(NamespaceWire.Created.of(created));
    }

    public void list(Context ctx) {
        ctx.json(NamespaceWire.Listing.of(namespaces.list()));
    }

    public void delete(Context ctx) {
        var job = namespaces.delete(ctx.pathParam("namespace_name"));
        ctx.status(202).json(NamespaceWire.DeleteStarted.of(job));
    }

    public void deleteJobStatus(Context ctx) {
        var job = namespaces.deleteJob(ctx.pathParam("namespace_name"), ctx.pathParam("job_id"));
        ctx.json(NamespaceWire.DeleteJob.of(job));
    }
}
