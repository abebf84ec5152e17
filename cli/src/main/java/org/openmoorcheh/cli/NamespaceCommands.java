package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code namespace-create}, {@code namespace-list}, {@code namespace-delete}, {@code namespace-delete-job-status}. */
final class NamespaceCommands {

    private NamespaceCommands() {
    }

    @Command(name = "namespace-create", mixinStandardHelpOptions = true, description = "Create a namespace.")
    static final class Create extends ApiCommand {
        @Option(names = "--name", required = true, description = "Namespace name (letters, digits, - and _).")
        String name;

        @Option(names = "--type", required = true, description = "text or vector.")
        String type;

        @Option(names = "--vector-dimension", description = "Dimension of a vector namespace.")
        Integer dimension;

        @Override
        JsonNode call(Raw api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("namespace_name", name);
            body.put("type", type);
            if (dimension != null) {
                body.put("vector_dimension", dimension);
            }
            return api.post("/namespaces", body);
        }
    }

    @Command(name = "namespace-list", mixinStandardHelpOptions = true, description = "List namespaces.")
    static final class ListAll extends ApiCommand {
        @Override
        JsonNode call(Raw api) {
            return api.get("/namespaces");
        }
    }

    @Command(name = "namespace-delete", mixinStandardHelpOptions = true,
            description = "Delete a namespace and its items; waits for the delete job unless --no-wait.")
    static final class Delete extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace to delete.")
        String namespace;

        @Option(names = "--no-wait", description = "Print the started job and return at once.")
        boolean noWait;

        @Option(names = "--poll-interval", defaultValue = "0.2", description = "Seconds between polls (default ${DEFAULT-VALUE}).")
        double pollInterval;

        @Option(names = "--wait-timeout", defaultValue = "120", description = "Seconds to wait (default ${DEFAULT-VALUE}).")
        double waitTimeout;

        @Override
        JsonNode call(Raw api) throws InterruptedException {
            JsonNode started = api.delete(ns(namespace));
            if (noWait) {
                return started;
            }
            String path = ns(namespace) + "/delete-jobs/" + Raw.segment(started.get("job_id").asText());
            return Waiting.poll(root, api, path, Duration.ofMillis((long) (pollInterval * 1000)),
                    Duration.ofMillis((long) (waitTimeout * 1000)), job -> "deleted " + job.path("deleted_items").asLong()
                            + " of " + job.path("total_items").asLong() + " items");
        }
    }

    @Command(name = "namespace-delete-job-status", mixinStandardHelpOptions = true,
            description = "Show a namespace delete job.")
    static final class DeleteJobStatus extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Option(names = "--job-id", required = true, description = "Delete job id.")
        String jobId;

        @Override
        JsonNode call(Raw api) {
            return api.get(ns(namespace) + "/delete-jobs/" + Raw.segment(jobId));
        }
    }

}
