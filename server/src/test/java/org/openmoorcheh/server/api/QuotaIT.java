package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 42-43 at the boundary, with {@code MOORCHEH_MAX_ITEMS=10}. */
class QuotaIT {

    @TempDir
    Path dir;

    @Test
    void fileWhoseChunksWouldPassTheCapFailsItsJobAndStoresNothing() throws java.io.IOException {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_MAX_ITEMS", "10",
                "MOORCHEH_CHUNK_SIZE", "100", "MOORCHEH_CHUNK_OVERLAP", "0"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            org.openmoorcheh.server.testing.Documents.text(dir.resolve("uploads/long.txt"),
                    "A sentence that fills most of one small chunk on its own, more or less.\n\n".repeat(12));

            Api.Response started = api.post("/namespaces/docs/files", "{\"files\":[{\"path\":\"/uploads/long.txt\"}]}");
            Api.Response job = api.awaitJob("/namespaces/docs/file-jobs/" + started.get("job_id").asText());

            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.get("last_error").asText()).contains("limit").contains("nothing of the file was stored");
            assertHealth(api, 0);
            assertThat(api.get("/namespaces/docs/files").get("files").get(0).path("status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void capIsExactAtTheBoundary() {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_MAX_ITEMS", "10"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":2}");
            api.post("/namespaces", "{\"namespace_name\":\"w\",\"type\":\"vector\",\"vector_dimension\":2}");
            assertThat(upload(api, "v", 0, 6).status()).isEqualTo(202);
            assertThat(upload(api, "w", 0, 4).status()).isEqualTo(202);
            awaitIdle(api, 10);

            Api.Response refused = upload(api, "v", 6, 1);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.get("status").asText()).isEqualTo("failure");
            assertThat(refused.message()).contains("limit");
            assertThat(refused.get("items").asLong()).isEqualTo(10);
            assertThat(refused.get("max_items").asLong()).isEqualTo(10);
            assertThat(refused.get("requested_new").asLong()).isEqualTo(1);
            assertHealth(api, 10);

            // An update of stored ids is free, even at the cap; a batch mixing updates and one new id is not.
            Api.Response update = upload(api, "v", 0, 6);
            assertThat(update.status()).isEqualTo(202);
            awaitIdle(api, 10);
            Api.Response mixed = upload(api, "v", 4, 3);
            assertThat(mixed.status()).isEqualTo(409);
            assertThat(mixed.get("requested_new").asLong()).isEqualTo(1);
            assertThat(api.post("/namespaces/v/items/get", "{\"ids\":[\"id-6\"]}").get("found_items").asInt()).isZero();

            // Freeing one item admits exactly one new id.
            api.post("/namespaces/w/items/delete", "{\"ids\":[\"id-0\"]}");
            assertHealth(api, 9);
            assertThat(upload(api, "v", 6, 1).status()).isEqualTo(202);
            awaitIdle(api, 10);
            assertThat(upload(api, "v", 7, 1).status()).isEqualTo(409);
        }
    }

    @Test
    void pendingUploadsReserveTheirNewIds() {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_MAX_ITEMS", "10"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":2}");
            // Back-to-back admissions: whether or not the first has run, together they may not pass the cap.
            assertThat(upload(api, "v", 0, 8).status()).isEqualTo(202);
            Api.Response second = upload(api, "v", 100, 3);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.get("requested_new").asLong()).isEqualTo(3);
            awaitIdle(api, 8);
        }
    }

    private static Api.Response upload(Api api, String namespace, int from, int count) {
        StringBuilder vectors = new StringBuilder("{\"vectors\":[");
        for (int i = from; i < from + count; i++) {
            vectors.append(i == from ? "" : ",").append("{\"id\":\"id-").append(i).append("\",\"vector\":[1,")
                    .append(i).append("]}");
        }
        return api.post("/namespaces/" + namespace + "/vectors", vectors.append("]}").toString());
    }

    private static void awaitIdle(Api api, long items) {
        api.await("/health", r -> r.get("items").asLong() == items, java.time.Duration.ofSeconds(30));
        assertHealth(api, items);
    }

    private static void assertHealth(Api api, long items) {
        Api.Response health = api.get("/health");
        assertThat(health.get("items").asLong()).isEqualTo(items);
        assertThat(health.get("remaining").asLong()).isEqualTo(10 - items);
    }
}
