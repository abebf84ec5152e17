package org.openmoorcheh.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A tiny JSON-over-HTTP client for tests: every call returns the status and the parsed body. */
public final class Api {

    /** A response: status code, raw text and the body parsed as JSON (null if it is not JSON). */
    public record Response(int status, String text, JsonNode json) {

        public JsonNode get(String field) {
            return json.get(field);
        }

        public String message() {
            return json == null || !json.hasNonNull("message") ? null : json.get("message").asText();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** POSTs a JSON text as the Python client does (Content-Type: application/json). */
    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, body));
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).method(method, body));
    }

    /** Any request with any headers the JDK client allows (not Host: see {@link RawHttp}). */
    public Response send(String method, String path, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** GET with headers (an API key, say). */
    public Response get(String path, java.util.Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    /** POSTs JSON with extra headers. */
    public Response post(String path, String json, java.util.Map<String, String> headers) {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send("POST", path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), all);
    }

    public int port() {
        return URI.create(baseUrl).getPort();
    }

    /** Polls {@code path} every 50 ms until the predicate holds or the timeout passes. */
    public Response await(String path, Predicate<Response> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response response = get(path);
            if (done.test(response)) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting on " + path + "; last answer " + response.text());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Polls a job until it is no longer running. */
    public Response awaitJob(String path) {
        return await(path, r -> r.status() != 200 || !"running".equals(r.get("status").asText()),
                Duration.ofSeconds(60));
    }

    /**
     * Uploads entries ({@code field} is {@code documents} or {@code vectors}), requires a 202, and
     * waits until the job is {@code completed}.
     *
     * @param entries the JSON array of entries
     * @return the job id
     */
    public String uploadAndWait(String namespace, String field, String entries) {
        Response started = post("/namespaces/" + namespace + "/" + field, "{\"" + field + "\":" + entries + "}");
        if (started.status() != 202) {
            throw new AssertionError("upload answered " + started.status() + ": " + started.text());
        }
        String jobId = started.get("job_id").asText();
        Response done = awaitJob("/namespaces/" + namespace + "/upload-jobs/" + jobId);
        if (!"completed".equals(done.get("status").asText())) {
            throw new AssertionError("upload job ended " + done.text());
        }
        return jobId;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            HttpRequest sent = response.request();
            List<String> problems = ApiContract.get().problems(sent.method(), sent.uri().getRawPath()
                    + (sent.uri().getRawQuery() == null ? "" : "?" + sent.uri().getRawQuery()), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            if (!problems.isEmpty()) {
                throw new AssertionError("the answer breaks /openapi.json:\n  " + String.join("\n  ", problems)
                        + "\nbody: " + response.body());
            }
            return new Response(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
