package org.openmoorcheh.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** JSON over the JDK HTTP client: one place for the base URL, timeout, API key and error mapping. */
final class Transport {

    private final String baseUrl;
    private final Duration timeout;
    private final String apiKey;
    private final HttpClient http;
    final ObjectMapper mapper;

    Transport(String baseUrl, Duration timeout, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** POSTs a body already encoded in the given content type. */
    JsonNode postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POSTs a multipart form with one file part and text fields. */
    JsonNode postFile(String path, String fileField, Path file, Map<String, String> fields) {
        String boundary = "moorcheh-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + file.getFileName().toString().replace("\"", "") + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MoorchehException(0, "cannot read " + file + ": " + e.getMessage(), null, e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /**
     * GETs a binary body into {@code target} (written to a temporary sibling first and moved into
     * place only when complete). An error answer is read as JSON and thrown as usual.
     */
    long download(String path, Path target) {
        HttpRequest built = request(path).GET().build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response = http.send(built, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() / 100 != 2) {
                byte[] bytes = Files.readAllBytes(partial);
                JsonNode body = null;
                try {
                    body = mapper.readTree(bytes);
                } catch (IOException notJson) {
                    // keep the status alone
                }
                String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                        : "HTTP " + response.statusCode();
                throw new MoorchehException(response.statusCode(), message, body, null);
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (IOException e) {
            throw new MoorchehException(0, "GET " + built.uri() + " failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoorchehException(0, "interrupted", null, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .part file is harmless
            }
        }
    }

    <T> T convert(JsonNode node, Class<T> type) {
        return mapper.convertValue(node, type);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isEmpty()) {
            builder.header("x-api-key", apiKey);
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MoorchehException(0, built.method() + " " + built.uri() + " failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoorchehException(0, "interrupted", null, e);
        }
        JsonNode body = null;
        try {
            byte[] bytes = response.body();
            body = bytes.length == 0 ? mapper.nullNode() : mapper.readTree(bytes);
        } catch (IOException e) {
            if (response.statusCode() / 100 == 2) {
                throw new MoorchehException(response.statusCode(), "the server answered with invalid JSON", null, e);
            }
        }
        if (response.statusCode() / 100 != 2) {
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                    : "HTTP " + response.statusCode();
            throw new MoorchehException(response.statusCode(), message, body, null);
        }
        return body;
    }
}
