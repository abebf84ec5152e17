package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import org.openmoorcheh.server.service.ItemService;
import org.openmoorcheh.server.service.UploadService;

/** Uploads (jobs), their status, and items by id or page, under {@code /namespaces/{ns}}. */
public final class ItemHandlers {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 100;

    private final UploadService uploads;
    private final ItemService items;
    private final RequestBodies bodies;
    private final UploadRequests uploadRequests;
    private final BinaryVectorBatch binaryVectors;
    private final ObjectMapper mapper;

    public ItemHandlers(UploadService uploads, ItemService items, RequestBodies bodies, ObjectMapper mapper) {
        this.uploads = uploads;
        this.items = items;
        this.bodies = bodies;
        this.uploadRequests = new UploadRequests(mapper);
        this.binaryVectors = new BinaryVectorBatch(mapper);
        this.mapper = mapper;
    }

    public void uploadDocuments(Context ctx) throws IOException {
        var documents = uploadRequests.documents(bodies.bytes(ctx));
        var job = uploads.uploadDocuments(namespace(ctx), documents);
        ctx.status(202).json(ItemWire.UploadStarted.documents(job));
    }

    /** JSON, or the binary batch when the Content-Type names it. */
    public void uploadVectors(Context ctx) throws IOException {
        byte[] body = bodies.bytes(ctx);
        var vectors = BinaryVectorBatch.accepts(ctx.contentType())
                ? binaryVectors.read(body)
                : uploadRequests.vectors(body);
        var job = uploads.uploadVectors(namespace(ctx), vectors);
        ctx.status(202).json(ItemWire.UploadStarted.vectors(job));
    }

    public void uploadJobStatus(Context ctx) {
        ctx.json(ItemWire.UploadJob.of(uploads.uploadJobStatus(namespace(ctx), ctx.pathParam("job_id"))));
    }

    public void get(Context ctx) {
        var request = IdsRequest.from(bodies.object(ctx));
        ctx.json(ItemWire.Found.of(items.get(namespace(ctx), request.ids()), mapper));
    }

    /** By {@code ids}, by a structured {@code filter}, or every item with {@code "all": true}. */
    public void delete(Context ctx) {
        ObjectNode body = bodies.object(ctx);
        DeleteSelection selection = DeleteSelection.from(body);
        if (selection.ids() != null) {
            ctx.json(ItemWire.Deleted.of(items.delete(namespace(ctx), selection.ids())));
        } else {
            ctx.json(ItemWire.Deleted.of(items.deleteMatching(namespace(ctx), selection.filter()),
                    selection.filter() == null));
        }
    }

    /** {@code limit} above 100 is clamped to 100; 0, negative or non-numeric is a 400. */
    public void fetchTextData(Context ctx) {
        long started = System.nanoTime();
        int limit = pageLimit(ctx.queryParam("limit"));
        String token = ctx.queryParam("next_token");
        var page = items.page(namespace(ctx), limit, token == null || token.isEmpty() ? null : token);
        ctx.json(ItemWire.TextPage.of(page, mapper, (System.nanoTime() - started) / 1e9));
    }

    private static int pageLimit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE;
        }
        long limit;
        try {
            limit = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_PAGE + ", got '"
                    + value + "'.");
        }
        if (limit < 1) {
            throw ApiException.badRequest("'limit' must be at least 1, got " + limit + ".");
        }
        return (int) Math.min(limit, MAX_PAGE);
    }

    private static String namespace(Context ctx) {
        return ctx.pathParam("namespace_name");
    }
}
