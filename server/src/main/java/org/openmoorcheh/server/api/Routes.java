package org.openmoorcheh.server.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.apibuilder.EndpointGroup;

/** The route tree of the API (spec 1.8); every leaf is one handler method. */
public final class Routes {

    private Routes() {
    }

    public static EndpointGroup of(HealthHandlers health, NamespaceHandlers namespaces, ItemHandlers items,
                                   SearchHandlers search, AnswerHandlers answers, FileHandlers files) {
        return () -> {
            get("/health", health::get);
            post("/search", search::query);
            post("/answer", answers::answer);
            path("/namespaces", () -> {
                post(namespaces::create);
                get(namespaces::list);
                path("{namespace_name}", () -> {
                    delete(namespaces::delete);
                    get("delete-jobs/{job_id}", namespaces::deleteJobStatus);
                    post("documents", items::uploadDocuments);
                    post("vectors", items::uploadVectors);
                    get("upload-jobs/{job_id}", items::uploadJobStatus);
                    post("items/get", items::get);
                    post("items/delete", items::delete);
                    get("documents/fetch-text-data", items::fetchTextData);
                    post("files", files::ingest);
                    get("files", files::list);
                    post("files/upload", files::upload);
                    post("files/delete", files::delete);
                    get("files/{file_id}", files::get);
                    get("file-jobs/{job_id}", files::fileJobStatus);
                });
            });
        };
    }
}
