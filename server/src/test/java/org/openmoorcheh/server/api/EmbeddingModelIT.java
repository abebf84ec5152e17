package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/** Issue 16, point 5: {@code embedding_model} per text namespace, among the local models this build ships. */
class EmbeddingModelIT {

    private static final String DOCS = "["
            + "{\"id\":\"cat\",\"text\":\"Cats are small furry pets that purr and chase mice.\"},"
            + "{\"id\":\"market\",\"text\":\"The stock market fell sharply today.\"},"
            + "{\"id\":\"rain\",\"text\":\"Heavy rain is expected over the weekend.\"}]";

    @TempDir
    Path dir;

    @Test
    void namespacesOfTwoModelsServeSideBySideAndKeepTheirModelWhenTheDefaultChanges() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"mini\",\"type\":\"text\"}").status()).isEqualTo(201);
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"bge\",\"type\":\"text\","
                    + "\"embedding_model\":\"BGE-small-en-v1.5-q\"}").status()).isEqualTo(201);
            assertThat(models(api)).containsEntry("mini", "all-minilm-l6-v2").containsEntry("bge", "bge-small-en-v1.5-q");
            api.uploadAndWait("mini", "documents", DOCS);
            api.uploadAndWait("bge", "documents", DOCS);
            for (String namespace : new String[] {"mini", "bge"}) {
                JsonNode top = top(api, "{\"query\":\"a furry animal\",\"namespaces\":[\"" + namespace + "\"],"
                        + "\"search_mode\":\"dense\"}");
                assertThat(top.get("id").asText()).as(namespace).isEqualTo("cat");
            }
            // Each namespace gets the query embedded by its own model: the same item scores differently.
            JsonNode both = api.post("/search", "{\"query\":\"a furry animal\",\"namespaces\":[\"mini\",\"bge\"],"
                    + "\"search_mode\":\"dense\",\"top_k\":6}").get("results");
            assertThat(both).hasSize(6);
            Map<String, Double> catScores = new HashMap<>();
            both.forEach(hit -> {
                if (hit.get("id").asText().equals("cat")) {
                    catScores.put(hit.get("namespace").asText(), hit.get("score").asDouble());
                }
            });
            assertThat(catScores).containsKeys("mini", "bge");
            assertThat(catScores.get("mini")).isNotEqualTo(catScores.get("bge"));
        }
        // The default changes: old namespaces keep their model, no 409; new ones get the new default.
        try (TestServer server = TestServer.start(dir, Map.of("EMBEDDING_MODEL", "bge-small-en-v1.5-q"))) {
            Api api = server.api();
            api.uploadAndWait("mini", "documents", "[{\"id\":\"dog\",\"text\":\"Dogs are loyal companions.\"}]");
            assertThat(top(api, "{\"query\":\"a loyal companion\",\"namespaces\":[\"mini\"],\"search_mode\":\"dense\"}")
                    .get("id").asText()).isEqualTo("dog");
            assertThat(top(api, "{\"query\":\"a furry animal\",\"namespaces\":[\"bge\"]}").get("id").asText())
                    .isEqualTo("cat");
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"fresh\",\"type\":\"text\"}").status()).isEqualTo(201);
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"old\",\"type\":\"text\","
                    + "\"embedding_model\":\"all-minilm-l6-v2\"}").status()).isEqualTo(201);
            assertThat(models(api)).containsEntry("mini", "all-minilm-l6-v2").containsEntry("fresh", "bge-small-en-v1.5-q")
                    .containsEntry("old", "all-minilm-l6-v2");
            Api.Response answer = api.post("/answer", "{\"query\":\"Which pets purr?\",\"namespace\":\"mini\",\"top_k\":2}");
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        }
    }

    @Test
    void aModelTheServerCannotRunIsA400NamingTheChoices() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            Api.Response unknown = api.post("/namespaces", "{\"namespace_name\":\"x\",\"type\":\"text\","
                    + "\"embedding_model\":\"text-embedding-3-large\"}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.message()).contains("all-minilm-l6-v2").contains("bge-small-en-v1.5-q");
            Api.Response vector = api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\","
                    + "\"vector_dimension\":3,\"embedding_model\":\"all-minilm-l6-v2\"}");
            assertThat(vector.status()).isEqualTo(400);
            assertThat(vector.message()).contains("embedding_model");
            Api.Response number = api.post("/namespaces", "{\"namespace_name\":\"n\",\"type\":\"text\",\"embedding_model\":7}");
            assertThat(number.status()).isEqualTo(400);
            assertThat(api.get("/namespaces").get("namespaces")).isEmpty();
        }
    }

    private static JsonNode top(Api api, String body) {
        Api.Response response = api.post("/search", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.get("results").get(0);
    }

    private static Map<String, String> models(Api api) {
        Map<String, String> models = new HashMap<>();
        api.get("/namespaces").get("namespaces").forEach(namespace ->
                models.put(namespace.get("namespace_name").asText(), namespace.get("embedding_model").asText()));
        return models;
    }
}
