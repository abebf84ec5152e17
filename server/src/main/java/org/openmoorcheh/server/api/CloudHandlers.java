package org.openmoorcheh.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openmoorcheh.server.files.UploadFolder;
import org.openmoorcheh.server.service.AnswerService;
import org.openmoorcheh.server.service.FileService;
import org.openmoorcheh.server.service.ItemService;
import org.openmoorcheh.server.service.NamespaceService;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.server.service.UploadService;
import org.openmoorcheh.server.service.UploadUrls;
import org.openmoorcheh.store.TextItem;

/**
 * The Moorcheh cloud API under {@code /v1}: the cloud SDK's calls answered from the same
 * namespaces, items, jobs and search as the on-prem API. Each handler brings the cloud body to the
 * on-prem shape ({@link CloudBodies}), calls the same service, and answers with the status codes
 * and fields the SDK accepts (201 for namespaces and vectors, 202 for documents, 200 or 207 for
 * deletes, 404 for an unknown namespace everywhere).
 */
public final class CloudHandlers {

    /** Most documents one {@code /v1} upload may carry, as the cloud allows (the SDK sends batches of 100). */
    static final int MAX_DOCUMENTS = 100;

    record Listing(List<NamespaceWire.Entry> namespaces, double executionTime) {
    }

    record Submitted(String status, String message, List<String> submittedIds, String jobId) {
    }

    record DocumentView(String id, String text, JsonNode metadata) {
    }

    record Got(String status, List<DocumentView> items, List<DocumentView> documents, List<String> notFoundIds) {
    }

    record Deleted(String status, List<String> deletedIds, int actualDeletions, List<Map<String, String>> errors) {
    }

    record VectorsStored(String status, String message, List<String> vectorIdsProcessed, List<Map<String, String>> errors,
                         String jobId) {
    }

    record FileView(String fileName, Long size, String lastModified, String status) {
    }

    record Files(boolean success, String namespace, int fileCount, List<FileView> files) {
    }

    record FileResult(String fileName, String status, String message) {
    }

    record FilesDeleted(boolean success, String message, String namespace, List<FileResult> results) {
    }

    record Hit(String id, String namespace, double score, String label, JsonNode metadata,
               @JsonInclude(JsonInclude.Include.NON_NULL) String text,
               @JsonInclude(JsonInclude.Include.NON_NULL) Double similarity,
               @JsonInclude(JsonInclude.Include.NON_NULL) float[] vector) {
    }

    record Found(List<Hit> results, double executionTime) {
    }

    record Answered(String answer, String model, int contextCount, String query, List<AnswerService.Source> usedContext,
                    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode structuredData) {
    }

    private final NamespaceService namespaces;
    private final UploadService uploads;
    private final ItemService items;
    private final FileService files;
    private final UploadUrls uploadUrls;
    private final SearchService search;
    private final AnswerService answers;
    private final RequestBodies bodies;
    private final UploadRequests uploadRequests;
    private final ObjectMapper mapper;
    private final ItemHandlers onPremItems;

    public CloudHandlers(NamespaceService namespaces, UploadService uploads, ItemService items, FileService files,
                         UploadUrls uploadUrls, SearchService search, AnswerService answers, RequestBodies bodies,
                         ObjectMapper mapper, ItemHandlers onPremItems) {
        this.namespaces = namespaces;
        this.uploads = uploads;
        this.items = items;
        this.files = files;
        this.uploadUrls = uploadUrls;
        this.search = search;
        this.answers = answers;
        this.bodies = bodies;
        this.uploadRequests = new UploadRequests(mapper);
        this.mapper = mapper;
        this.onPremItems = onPremItems;
    }

    public void createNamespace(Context ctx) {
        CreateNamespaceRequest request = CreateNamespaceRequest.from(CloudBodies.snakeKeys(bodies.object(ctx)));
        var created = namespaces.create(request.name(), request.type(), request.vectorDimension(),
                request.embeddingModel());
        ctx.status(201).json(NamespaceWire.Created.of(created));
    }

    public void listNamespaces(Context ctx) {
        long started = System.nanoTime();
        var entries = namespaces.list().stream().map(NamespaceWire.Entry::of).toList();
        ctx.json(new Listing(entries, (System.nanoTime() - started) / 1e9));
    }

    /** Starts the delete job; the name leaves the list at once, so 200 means gone for the client. */
    public void deleteNamespace(Context ctx) {
        String name = ctx.pathParam("namespace_name");
        namespaces.delete(name);
        ctx.json(Map.of("status", "success", "message", "Namespace '" + name + "' deleted."));
    }

    public void uploadDocuments(Context ctx) throws IOException {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        CloudBodies.entryIds(body, "documents");
        JsonNode documents = body.get("documents");
        if (documents != null && documents.isArray() && documents.size() > MAX_DOCUMENTS) {
            throw ApiException.badRequest("'documents' holds " + documents.size() + " entries; at most "
                    + MAX_DOCUMENTS + " per request.");
        }
        var entries = uploadRequests.documents(mapper.writeValueAsBytes(body));
        var job = uploads.uploadDocuments(ctx.pathParam("namespace_name"), entries);
        ctx.status(202).json(new Submitted("success", "Documents queued for embedding and indexing.",
                entries.stream().map(entry -> entry.id()).toList(), job.jobId()));
    }

    /** The on-prem page reader: its answer already has the cloud's fields. */
    public void fetchTextData(Context ctx) {
        onPremItems.fetchTextData(ctx);
    }

    public void uploadVectors(Context ctx) throws IOException {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        CloudBodies.entryIds(body, "vectors");
        var entries = uploadRequests.vectors(mapper.writeValueAsBytes(body));
        var job = uploads.uploadVectors(ctx.pathParam("namespace_name"), entries);
        ctx.status(201).json(new VectorsStored("success", "Vectors stored.",
                entries.stream().map(entry -> entry.id()).toList(), List.of(), job.jobId()));
    }

    /** 200 even when some ids are missing: they are listed in {@code not_found_ids}. */
    public void getDocuments(Context ctx) {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        CloudBodies.idList(body, "ids");
        List<String> ids = IdsRequest.from(body).ids();
        var found = items.get(ctx.pathParam("namespace_name"), ids);
        List<DocumentView> views = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TextItem item : found.items()) {
            views.add(new DocumentView(item.id(), item.text(), ItemWire.metadata(mapper, item.metadataJson())));
            seen.add(item.id());
        }
        List<String> missing = ids.stream().filter(id -> !seen.contains(id)).distinct().toList();
        ctx.json(new Got("success", views, views, missing));
    }

    /** Items of either namespace type; 207 when some ids were not there. */
    public void deleteItems(Context ctx) {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        CloudBodies.idList(body, "ids");
        var deleted = items.delete(ctx.pathParam("namespace_name"), IdsRequest.from(body).ids());
        List<Map<String, String>> errors = deleted.notFound().stream()
                .map(id -> Map.of("id", id, "error", "Item not found.")).toList();
        ctx.status(errors.isEmpty() ? 200 : 207).json(new Deleted(errors.isEmpty() ? "success" : "partial",
                deleted.deleted(), deleted.deleted().size(), errors));
    }

    /** A single-use URL on this server for one file; the client PUTs the raw bytes to it. */
    public void uploadUrl(Context ctx) {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        String namespace = ctx.pathParam("namespace_name");
        String fileName = UploadFolder.safeName(JsonFields.requiredString(body, "file_name"));
        namespaces.activeText(namespace, "files go into text namespaces");
        String token = uploadUrls.issue(namespace, fileName);
        String url = origin(ctx) + "/v1/uploads/" + token;
        String type = contentType(fileName);
        // Both spellings: the SDK has read uploadUrl/contentType and, since its snake_case change, upload_url.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("upload_url", url);
        answer.put("content_type", type);
        answer.put("file_name", fileName);
        answer.put("expires_in", UploadUrls.LIFETIME.toSeconds());
        answer.put("uploadUrl", url);
        answer.put("contentType", type);
        ctx.json(answer);
    }

    /** {@code PUT <upload_url>}: the raw file, ingested like {@code files/upload}. */
    public void receiveUpload(Context ctx) throws IOException {
        var grant = uploadUrls.take(ctx.pathParam("token"))
                .orElseThrow(() -> ApiException.notFound("This upload URL is unknown, used or expired; ask for a new"
                        + " one with POST /v1/namespaces/{namespace}/upload-url."));
        try (InputStream content = ctx.bodyInputStream()) {
            files.upload(grant.namespace(), grant.fileName(), content, true, "{}");
        }
        ctx.json(Map.of("success", true, "message", "File uploaded successfully", "namespace", grant.namespace(),
                "file_name", grant.fileName()));
    }

    public void listFiles(Context ctx) {
        String namespace = ctx.pathParam("namespace_name");
        List<FileView> views = files.list(namespace).stream().map(view -> new FileView(view.file().filename(),
                view.file().fileSize(), Timestamps.seconds(view.file().fileMtime()), view.status())).toList();
        ctx.json(new Files(true, namespace, views.size(), views));
    }

    public void deleteFiles(Context ctx) {
        ObjectNode body = null;
        if (ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null) {
            body = CloudBodies.snakeKeys(bodies.object(ctx));
        }
        String namespace = ctx.pathParam("namespace_name");
        var outcomes = files.deleteByName(namespace, CloudBodies.fileNames(body, ctx.queryParamMap()));
        List<FileResult> results = outcomes.stream().map(outcome -> new FileResult(outcome.fileName(),
                outcome.deleted() ? "success" : "error", outcome.message())).toList();
        boolean all = outcomes.stream().allMatch(FileService.NameDeletion::deleted);
        ctx.status(all ? 200 : 207).json(new FilesDeleted(all, all ? "File deletion process completed."
                : "Some files could not be deleted.", namespace, results));
    }

    /** Unknown namespaces are a 404 here (the on-prem search answers 400). */
    public void search(Context ctx) {
        long started = System.nanoTime();
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        SearchService.Query query = SearchRequest.from(body, mapper);
        query.namespaces().forEach(namespaces::active);
        SearchService.Outcome outcome = search.search(query, started);
        List<Hit> hits = outcome.results().stream().map(r -> new Hit(r.id(), r.namespace(), r.score(), r.label(),
                ItemWire.metadata(mapper, r.metadataJson()), r.text(), r.similarity(), r.vector())).toList();
        ctx.json(new Found(hits, outcome.timings().get("total")));
    }

    /**
     * The cloud's {@code ai_model} names its hosted models, which this server does not have: the
     * configured LLM answers (its name is in {@code model}).
     */
    public void answer(Context ctx) {
        ObjectNode body = CloudBodies.snakeKeys(bodies.object(ctx));
        body.remove("ai_model");
        JsonNode namespace = body.get("namespace");
        if (namespace != null && namespace.isTextual() && !namespace.textValue().isEmpty()) {
            namespaces.active(namespace.textValue());
        }
        AnswerService.Answer answer = answers.answer(AnswerRequest.from(body));
        ctx.json(new Answered(answer.answer(), answer.model(), answer.contextCount(), answer.query(), answer.sources(),
                answer.structuredData()));
    }

    /** Where the client reached this server, so the upload URL works from the client's side of a proxy. */
    private static String origin(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        String scheme = proto != null && proto.matches("https?") ? proto : ctx.scheme();
        String host = ctx.header("X-Forwarded-Host");
        return scheme + "://" + (host != null && !host.isBlank() ? host.trim() : ctx.host());
    }

    private static String contentType(String fileName) {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(".pdf", "application/pdf");
        types.put(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        types.put(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        types.put(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        types.put(".json", "application/json");
        types.put(".txt", "text/plain");
        types.put(".csv", "text/csv");
        types.put(".md", "text/markdown");
        return types.getOrDefault(org.openmoorcheh.server.files.AllowedFiles.extension(fileName),
                "application/octet-stream");
    }
}
