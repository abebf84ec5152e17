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

    @Option(names = "--api-key", description = "API key sent as x-api-key (default: MOORCHEH_API_KEY).")
    String apiKey;

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
        return client(root, baseUrl, apiKey);
    }

    String resolvedBaseUrl() {
        return resolvedBaseUrl(root, baseUrl);
    }

    /** A client for the server the options name, with the key of {@code --api-key} or MOORCHEH_API_KEY. */
    static MoorchehClient client(MoorchehCli root, String baseUrl, String apiKey) {
        String key = apiKey != null && !apiKey.isBlank() ? apiKey : root.env.get("MOORCHEH_API_KEY");
        return MoorchehClient.builder(resolvedBaseUrl(root, baseUrl)).timeout(Duration.ofSeconds(300)).apiKey(key).build();
    }

    static String resolvedBaseUrl(MoorchehCli root, String baseUrl) {
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
