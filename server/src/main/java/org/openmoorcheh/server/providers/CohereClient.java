package org.openmoorcheh.server.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Cohere's v2 API ({@code POST /embed}, {@code POST /chat}) over the JDK HTTP client. LangChain4j's
 * Cohere module has no chat model and speaks the older v1 embed API, so this small client covers
 * both with one wire format. A call that times out, cannot connect, or gets 429/5xx is retried with
 * exponential backoff (0.5 s, 1 s, 2 s, ...); other answers fail at once.
 */
final class CohereClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final int maxRetries;
    private final HttpClient http;

    CohereClient(String baseUrl, String apiKey, Duration timeout, int maxRetries) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * POSTs {@code body} to {@code path} and returns the parsed JSON answer.
     *
     * @param failure makes the exception to throw from a message and whether the provider is unavailable
     */
    <E extends ProviderException> JsonNode post(String path, Object body, FailureFactory<E> failure) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        for (int attempt = 0; ; attempt++) {
            String problem;
            Throwable cause = null;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    try {
                        return JSON.readTree(response.body());
                    } catch (IOException e) {
                        throw failure.create("answered with malformed JSON: " + Failures.reason(e), e, false);
                    }
                }
                problem = "answered HTTP " + status + ": " + abbreviate(response.body());
                if (status != 429 && status < 500) {
                    throw failure.create(problem, null, false);
                }
            } catch (IOException e) {
                problem = "could not be reached: " + Failures.reason(e);
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.create("call interrupted", e, true);
            }
            if (attempt >= maxRetries) {
                throw failure.create(problem + (maxRetries > 0 ? " (after " + (attempt + 1) + " attempts)" : ""),
                        cause, true);
            }
            sleep(500L << attempt);
        }
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the provider-specific exception for a failed call. */
    @FunctionalInterface
    interface FailureFactory<E extends ProviderException> {
        E create(String problem, Throwable cause, boolean unavailable);
    }
}
