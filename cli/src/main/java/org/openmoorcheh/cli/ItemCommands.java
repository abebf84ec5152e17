package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Uploads, upload-job status, items get/delete and fetch-text-data. */
final class ItemCommands {

    private ItemCommands() {
    }

    /** An upload: posts the file's object, prints the answer, then shows the job's progress on stderr. */
    abstract static class Upload extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Target namespace.")
        String namespace;

        @Option(names = "--no-wait", description = "Do not follow the upload job.")
        boolean noWait;

        @Option(names = "--wait-timeout", defaultValue = "600", description = "Seconds to follow the job (default ${DEFAULT-VALUE}).")
        double waitTimeout;

        JsonNode upload(Raw api, Path file, String option, String field) throws InterruptedException {
            JsonNode body = MoorchehCli.readJsonFile(file, option);
            if (!body.isObject() || !body.has(field)) {
                throw new MoorchehCli.UsageException(option + " must hold a JSON object with \"" + field + "\"");
            }
            JsonNode started = api.post(ns(namespace) + "/" + field, body);
            root.print(started);
            if (!noWait && started.hasNonNull("job_id")) {
                JsonNode job = Waiting.poll(root, api, ns(namespace) + "/upload-jobs/" + Raw.segment(started.get("job_id").asText()),
                        Duration.ofMillis(500), Duration.ofMillis((long) (waitTimeout * 1000)),
                        state -> state.path("processed").asLong() + " / " + state.path("total").asLong()
                                + " processed, " + state.path("failed").asLong() + " failed"
                                + (state.hasNonNull("last_error") ? " (last error: " + state.get("last_error").asText() + ")" : ""));
                if (job.path("failed").asLong() > 0) {
                    root.err.println("Warning: " + job.path("failed").asLong() + " items failed");
                }
            }
            return null;
        }
    }

    @Command(name = "upload-documents", mixinStandardHelpOptions = true,
            description = "Upload text documents from a JSON file {\"documents\": [{\"id\", \"text\", ...}]}.")
    static final class UploadDocuments extends Upload {
        @Option(names = "--documents-file", required = true, description = "JSON file with a \"documents\" array.")
        Path file;

        @Override
        JsonNode call(Raw api) throws InterruptedException {
            return upload(api, file, "--documents-file", "documents");
        }
    }

    @Command(name = "upload-vectors", mixinStandardHelpOptions = true,
            description = "Upload vectors from a JSON file {\"vectors\": [{\"id\", \"vector\", ...}]}.")
    static final class UploadVectors extends Upload {
        @Option(names = "--vectors-file", required = true, description = "JSON file with a \"vectors\" array.")
        Path file;

        @Override
        JsonNode call(Raw api) throws InterruptedException {
            return upload(api, file, "--vectors-file", "vectors");
        }
    }

    @Command(name = "upload-job-status", mixinStandardHelpOptions = true, description = "Show an upload job.")
    static final class UploadJobStatus extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Option(names = "--job-id", required = true, description = "Upload job id.")
        String jobId;

        @Override
        JsonNode call(Raw api) {
            return api.get(ns(namespace) + "/upload-jobs/" + Raw.segment(jobId));
        }
    }

    @Command(name = "fetch-text-data", mixinStandardHelpOptions = true,
            description = "Page through the texts of a text namespace.")
    static final class FetchTextData extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Text namespace.")
        String namespace;

        @Option(names = "--limit", description = "Items per page, 1-100 (server default 100).")
        Integer limit;

        @Option(names = "--next-token", description = "Token from the previous page.")
        String nextToken;

        @Override
        JsonNode call(Raw api) {
            StringBuilder query = new StringBuilder();
            if (limit != null) {
                query.append("limit=").append(limit);
            }
            if (nextToken != null) {
                query.append(query.isEmpty() ? "" : "&").append("next_token=").append(Raw.segment(nextToken));
            }
            return api.get(ns(namespace) + "/documents/fetch-text-data" + (query.isEmpty() ? "" : "?" + query));
        }
    }

    /** {@code items-get} and {@code items-delete}: a namespace and a JSON array of ids. */
    abstract static class ByIds extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Option(names = "--ids-json", required = true, description = "JSON array of ids, e.g. '[\"doc-1\"]'.")
        String ids;

        @Override
        JsonNode call(Raw api) {
            return api.post(ns(namespace) + "/items/" + action(), Map.of("ids", MoorchehCli.parseJson(ids, "--ids-json")));
        }

        abstract String action();
    }

    @Command(name = "items-get", mixinStandardHelpOptions = true, description = "Read items by id.")
    static final class ItemsGet extends ByIds {
        @Override
        String action() {
            return "get";
        }
    }

    @Command(name = "items-delete", mixinStandardHelpOptions = true, description = "Delete items by id.")
    static final class ItemsDelete extends ByIds {
        @Override
        String action() {
            return "delete";
        }
    }
}
