package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.openmoorcheh.client.MoorchehClient;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A command that calls the API: has {@code --base-url} and prints what {@link #call(Raw)} returns.
 * The default base URL is {@code MOORCHEH_BASE_URL}, else the server {@code moorcheh up} started,
 * else {@code http://localhost:8080}.
 */
abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    MoorchehCli root;

    @Option(names = "--base-url", description = "Server URL (default: the server `moorcheh up` started, "
            + "else http://localhost:8080).")
    String baseUrl;

    @Override
    public final Integer call() throws Exception {
        JsonNode result = call(client().raw());
        if (result != null) {
            root.print(result);
        }
        return 0;
    }

    /** Calls the API and returns the JSON to print (null to print nothing more). */
    abstract JsonNode call(Raw api) throws Exception;

    MoorchehClient client() {
        return MoorchehClient.builder(resolvedBaseUrl()).timeout(Duration.ofSeconds(300)).build();
    }

    String resolvedBaseUrl() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl;
        }
        String fromEnv = root.env.get("MOORCHEH_BASE_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path state = ServerCommands.stateFile(root);
        if (Files.isRegularFile(state)) {
            JsonNode started = MoorchehCli.readJsonFile(state, "server state");
            if (started.hasNonNull("port")) {
                return "http://localhost:" + started.get("port").asInt();
            }
        }
        return "http://localhost:8080";
    }

    static String ns(String namespace) {
        return "/namespaces/" + Raw.segment(namespace);
    }
}
