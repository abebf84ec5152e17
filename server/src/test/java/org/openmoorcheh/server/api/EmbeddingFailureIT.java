package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/** Items that cannot be embedded are counted as failed with a reason; the job still completes. */
class EmbeddingFailureIT {

    @TempDir
    Path dir;

    @Test
    void unavailableProviderFailsEachItemWithAClearError() {
        Map<String, String> env = Map.of("EMBEDDING_PROVIDER", "cohere", "EMBEDDING_MODEL", "embed-v4.0");
        try (TestServer server = TestServer.start(dir, env)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":2}");
            String jobId = api.post("/namespaces/docs/documents",
                    "{\"documents\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}]}")
                    .get("job_id").asText();
            Api.Response done = api.awaitJob("/namespaces/docs/upload-jobs/" + jobId);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("processed").asInt()).isEqualTo(2);
            assertThat(done.get("successful").asInt()).isZero();
            assertThat(done.get("failed").asInt()).isEqualTo(2);
            assertThat(done.get("last_error").asText()).contains("b").contains("cohere");
            assertThat(api.get("/health").get("items").asLong()).isZero();

            // Vector namespaces never touch the embedding provider.
            String vectorJob = api.post("/namespaces/vecs/vectors", "{\"vectors\":[{\"id\":\"v\",\"vector\":[1,2]}]}")
                    .get("job_id").asText();
            assertThat(api.awaitJob("/namespaces/vecs/upload-jobs/" + vectorJob).get("successful").asInt())
                    .isEqualTo(1);
        }
    }
}
