package org.openmoorcheh.server.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static org.openmoorcheh.server.api.Access.Body.JSON;
import static org.openmoorcheh.server.api.Access.Body.JSON_OR_VECTORS;
import static org.openmoorcheh.server.api.Access.Body.MULTIPART;
import static org.openmoorcheh.server.api.Access.Role.ADMIN;
import static org.openmoorcheh.server.api.Access.Role.PUBLIC;
import static org.openmoorcheh.server.api.Access.Role.READ;
import static org.openmoorcheh.server.api.Access.Role.WRITE;

import io.javalin.apibuilder.EndpointGroup;

/**
 * The route tree of the API (spec 1.8); every leaf is one handler method with the key role it needs
 * and the body type it reads ({@link Access}).
 */
public final class Routes {

    private Routes() {
    }

    /** The handlers of every route, grouped as the API is. */
    public record Handlers(HealthHandlers health, NamespaceHandlers namespaces, ItemHandlers items,
                           SearchHandlers search, AnswerHandlers answers, FileHandlers files,
                           AdminHandlers admin, OperationsHandlers operations, CloudHandlers cloud,
                           ConsoleHandlers console, DocsHandlers docs) {
    }

    public static EndpointGroup of(Handlers h) {
        return () -> {
            get("/", h.console()::root, PUBLIC);
            get("/health", h.health()::get, PUBLIC);
            get("/jobs", h.console()::jobs, READ);
            get("/ready", h.operations()::ready, PUBLIC);
            get("/metrics", h.operations()::metrics, READ);
            get("/openapi.json", h.docs()::openapi, PUBLIC);
            get("/docs", h.docs()::docs, PUBLIC);
            post("/search", h.search()::query, READ, JSON);
            post("/answer", h.answers()::answer, READ, JSON);
            path("/admin", () -> {
                post("keys", h.admin()::createKey, ADMIN, JSON);
                get("keys", h.admin()::listKeys, ADMIN);
                delete("keys/{key_id}", h.admin()::revokeKey, ADMIN);
                get("backup", h.admin()::backup, ADMIN);
            });
            path("/v1", () -> cloud(h.cloud()));
            path("/namespaces", () -> {
                post(h.namespaces()::create, ADMIN, JSON);
                get(h.namespaces()::list, READ);
                path("{namespace_name}", () -> {
                    delete(h.namespaces()::delete, ADMIN);
                    get("delete-jobs/{job_id}", h.namespaces()::deleteJobStatus, READ);
                    post("documents", h.items()::uploadDocuments, WRITE, JSON);
                    post("vectors", h.items()::uploadVectors, WRITE, JSON_OR_VECTORS);
                    get("upload-jobs/{job_id}", h.items()::uploadJobStatus, READ);
                    post("items/get", h.items()::get, READ, JSON);
                    post("items/delete", h.items()::delete, WRITE, JSON);
                    get("documents/fetch-text-data", h.items()::fetchTextData, READ);
                    post("files", h.files()::ingest, WRITE, JSON);
                    get("files", h.files()::list, READ);
                    post("files/upload", h.files()::upload, WRITE, MULTIPART);
                    post("files/delete", h.files()::delete, WRITE, JSON);
                    get("files/{file_id}", h.files()::get, READ);
                    get("file-jobs/{job_id}", h.files()::fileJobStatus, READ);
                });
            });
        };
    }

    /** The cloud dialect ({@link CloudHandlers}); every route needs a key, even when keys are otherwise off. */
    private static void cloud(CloudHandlers cloud) {
        post("search", cloud::search, READ, JSON);
        post("answer", cloud::answer, READ, JSON);
        put("uploads/{token}", cloud::receiveUpload, WRITE);
        path("namespaces", () -> {
            post(cloud::createNamespace, ADMIN, JSON);
            get(cloud::listNamespaces, READ);
            path("{namespace_name}", () -> {
                delete(cloud::deleteNamespace, ADMIN);
                post("documents", cloud::uploadDocuments, WRITE, JSON);
                post("documents/get", cloud::getDocuments, READ, JSON);
                post("documents/delete", cloud::deleteItems, WRITE, JSON);
                get("documents/fetch-text-data", cloud::fetchTextData, READ);
                post("vectors", cloud::uploadVectors, WRITE, JSON);
                post("vectors/delete", cloud::deleteItems, WRITE, JSON);
                post("upload-url", cloud::uploadUrl, WRITE, JSON);
                get("list-files", cloud::listFiles, READ);
                delete("delete-file", cloud::deleteFiles, WRITE);
            });
        });
    }
}
