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
