package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.Seeds;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 1-4, 6 and 7 for {@code GET /health}. */
class HealthIT {

    @TempDir
    Path dir;

    @Test
    void freshServerReportsAllEightFieldsAndTheDefaultCap() {
        try (TestServer server = TestServer.start(dir)) {
            Api.Response health = server.api().get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().isObject()).isTrue();
            assertThat(health.json().fieldNames()).toIterable().containsExactlyInAnyOrder(
                    "status", "embedding_provider", "model", "llm_provider", "llm_model",
                    "items", "max_items", "remaining");
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("items").asLong()).isZero();
            assertThat(health.get("max_items").asLong()).isEqualTo(100_000);
            assertThat(health.get("remaining").asLong()).isEqualTo(100_000);
            assertThat(health.get("embedding_provider").asText()).isEqualTo("local");
            assertThat(health.get("llm_model").asText()).isEqualTo("extractive");
        }
    }

    @Test
    void providersAndCapComeFromTheEnvironment() {
        Map<String, String> env = Map.of(
                "EMBEDDING_PROVIDER", "ollama", "EMBEDDING_MODEL", "nomic-embed-text",
                "LLM_PROVIDER", "openai", "LLM_MODEL", "gpt-4o-mini",
                "LLM_API_KEY", "sk-secret-value", "MOORCHEH_MAX_ITEMS", "42");
        try (TestServer server = TestServer.start(dir, env)) {
            Api.Response health = server.api().get("/health");
            assertThat(health.get("embedding_provider").asText()).isEqualTo("ollama");
            assertThat(health.get("model").asText()).isEqualTo("nomic-embed-text");
            assertThat(health.get("llm_provider").asText()).isEqualTo("openai");
            assertThat(health.get("llm_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(health.get("max_items").asLong()).isEqualTo(42);
            assertThat(health.get("remaining").asLong()).isEqualTo(42);
            assertThat(health.text()).doesNotContain("sk-secret-value");
        }
    }

    @Test
    void remainingIsCapMinusItemsSummedOverNamespaces() {
        try (TestServer server = TestServer.start(dir)) {
            server.api().post("/namespaces", "{\"namespace_name\":\"a\",\"type\":\"vector\",\"vector_dimension\":4}");
            server.api().post("/namespaces", "{\"namespace_name\":\"b\",\"type\":\"vector\",\"vector_dimension\":8}");
            server.restart(store -> {
                Seeds.vectors(store, "a", "x", 7);
                Seeds.vectors(store, "b", "x", 5);
            });
            Api.Response health = server.api().get("/health");
            assertThat(health.get("items").asLong()).isEqualTo(12);
            assertThat(health.get("remaining").asLong()).isEqualTo(100_000 - 12);
        }
    }
}
