package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/** A real server in this JVM on a temporary data directory, and a small HTTP client for it. */
final class BenchServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final ServerApp app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    BenchServer(Map<String, String> overrides) throws IOException {
        dir = Files.createTempDirectory("moorcheh-bench");
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", "0");
        env.put("MOORCHEH_DATA_DIR", dir.resolve("data").toString());
        env.put("MOORCHEH_MAX_ITEMS", "100000000");
        env.put("MOORCHEH_LOG_LEVEL", "WARN");
        env.putAll(overrides);
        app = ServerApp.start(ServerConfig.fromEnvironment(env, dir));
        base = "http://127.0.0.1:" + app.port();
    }

    String url() {
        return base;
    }

    /** The folder file ingestion reads ({@code /uploads/<rel>} in requests). */
    Path uploads() {
        return dir.resolve(".moorcheh/uploads");
    }

    /** The server logs a line per request; a benchmark wants only its figures (and warnings). */
    static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    JsonNode post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return check(response);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return check(http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Polls an upload job every 20 ms until it completes; fails loudly on failed items. */
    JsonNode awaitUpload(String namespace, String jobId) throws IOException, InterruptedException {
        while (true) {
            JsonNode job = get("/namespaces/" + namespace + "/upload-jobs/" + jobId);
            if (job.get("status").asText().equals("completed")) {
                if (job.get("failed").asLong() > 0) {
                    throw new IllegalStateException("upload had failures: " + job);
                }
                return job;
            }
            Thread.sleep(20);
        }
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    private static JsonNode check(HttpResponse<byte[]> response) throws IOException {
        JsonNode json = MAPPER.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + json);
        }
        return json;
    }

    @Override
    public void close() {
        app.close();
    }
}
