package org.openmoorcheh.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/**
 * More uploads than the job queue takes (issue 26, item 3): past {@code MOORCHEH_MAX_QUEUED_JOBS}
 * unfinished jobs a text upload is refused with 429 and {@code Retry-After}, nothing of it stored;
 * vector uploads, which queue no work, and reads go on.
 */
class OverloadFaultIT {

    @TempDir
    Path dir;

    @Test
    void aFullJobQueueAnswers429WithRetryAfterAndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_MAX_QUEUED_JOBS", "2"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":2}");
            for (int job = 0; job < 2; job++) {
                assertThat(api.post("/namespaces/docs/documents", documents("b" + job, 200)).status()).isEqualTo(202);
            }
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/namespaces/docs/documents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(documents("late", 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).contains("job queue is full").contains("MOORCHEH_MAX_QUEUED_JOBS");
            assertThat(api.post("/namespaces/docs/items/get", "{\"ids\":[\"late-0\"]}").get("items")).isEmpty();
            assertThat(api.post("/namespaces/vec/vectors", "{\"vectors\":[{\"id\":\"v\",\"vector\":[1,0]}]}").status())
                    .as("vector uploads queue no work").isIn(201, 202);
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }

    /**
     * Requests past the in-flight bounds (issue 26, item 3): with two requests and 200 KiB of large
     * bodies allowed at once, requests whose bodies are still arriving hold their room, so what comes
     * next is refused with 429 and Retry-After within the bound, except the health, readiness and
     * metrics calls and small bodies (up to 64 KiB: bounded by the count alone); once they end, the
     * room is free again.
     */
    @Test
    void requestsPastTheInFlightBoundsAnswer429AndTheRoomIsFreedWhenTheyEnd() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_MAX_CONCURRENT_REQUESTS", "2",
                "MOORCHEH_MAX_INFLIGHT_BODY_BYTES", Integer.toString(200 * 1024)))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":2}");
            String small = "{\"vectors\":[{\"id\":\"s\",\"vector\":[1,0]}]}";
            String tenKib = small + " ".repeat(10 * 1024);
            String hundredKib = small + " ".repeat(100 * 1024);
            try (SlowUpload big = new SlowUpload(api.port(), 150 * 1024)) {
                Thread.sleep(300);
                long began = System.nanoTime();
                HttpResponse<String> refused = post(api.port(), "/namespaces/vec/vectors", hundredKib);
                long millis = (System.nanoTime() - began) / 1_000_000;
                assertThat(refused.statusCode()).as("no room for 100 KiB more: " + refused.body()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(refused.body()).contains("as many requests as it takes at once");
                assertThat(millis).as("refused within the bound").isLessThan(2_000);
                System.out.printf("overload: 429 for a body past the in-flight bytes in %d ms%n", millis);
                assertThat(api.get("/namespaces").status()).as("a body-less call still fits").isEqualTo(200);
                assertThat(post(api.port(), "/namespaces/vec/vectors", tenKib).statusCode())
                        .as("a small body is bounded by the count alone").isIn(200, 201, 202);
                try (SlowUpload second = new SlowUpload(api.port(), 200)) {
                    Thread.sleep(300);
                    assertThat(api.get("/namespaces").status()).as("two requests in flight").isEqualTo(429);
                    assertThat(api.get("/health").status()).isEqualTo(200);
                    assertThat(api.get("/metrics").status()).isEqualTo(200);
                    assertThat(second.finish()).isIn(200, 201, 202);
                }
                assertThat(big.finish()).isIn(200, 201, 202);
            }
            assertThat(post(api.port(), "/namespaces/vec/vectors", hundredKib).statusCode()).isIn(200, 201, 202);
            assertThat(api.get("/namespaces").status()).isEqualTo(200);
            assertThat(api.get("/metrics").text()).contains("status=\"429\"");
        }
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A vector upload whose body is announced whole but sent only in part until {@link #finish}. */
    private static final class SlowUpload implements AutoCloseable {
        private final java.net.Socket socket;
        private final byte[] body;
        private final int sent;

        SlowUpload(int port, int length) throws java.io.IOException {
            String json = "{\"vectors\":[{\"id\":\"slow-" + length + "\",\"vector\":[0,1]}]}";
            body = (json + " ".repeat(length - json.length())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket = new java.net.Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            String head = "POST /namespaces/vec/vectors HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            sent = 20;
            socket.getOutputStream().write(body, 0, sent);
            socket.getOutputStream().flush();
        }

        /** Sends the rest and returns the answer's status. */
        int finish() throws java.io.IOException {
            socket.getOutputStream().write(body, sent, body.length - sent);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private static String documents(String prefix, int count) {
        StringBuilder json = new StringBuilder("{\"documents\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append('-').append(i)
                    .append("\",\"text\":\"").append("a sentence about the harbour and its boats. ".repeat(6))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }
}
