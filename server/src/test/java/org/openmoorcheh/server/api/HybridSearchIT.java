package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/** Issue 16: {@code search_mode} dense, lexical and hybrid over HTTP, and the lexical index following the store. */
class HybridSearchIT {

    private static final List<String> MODES = List.of("dense", "lexical", "hybrid");

    @TempDir
    Path dir;

    @Test
    void wordsFindARareCodeAndHybridKeepsIt() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            String query = "{\"query\":\"QX-7731 recall\",\"namespaces\":[\"docs\"],\"search_mode\":\"%s\"}";
            JsonNode lexical = search(api, query.formatted("lexical"));
            assertThat(ids(lexical).get(0)).isEqualTo("part");
            assertThat(lexical.get(0).get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(ids(search(api, query.formatted("hybrid"))).get(0)).isEqualTo("part");
            // Words never match what shares none of them: a lexical search has fewer results than top_k.
            assertThat(ids(search(api, "{\"query\":\"mice\",\"namespaces\":[\"docs\"],\"search_mode\":\"lexical\"}")))
                    .containsExactly("cat");
        }
    }

    @Test
    void everyModeSortsByTheScoreItReportsAndTheThresholdCutsThatOrder() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            for (String mode : MODES) {
                String base = "\"query\":\"pets that purr and chase mice\",\"namespaces\":[\"docs\"],\"search_mode\":\""
                        + mode + "\"";
                JsonNode all = search(api, "{" + base + "}");
                assertThat(all.size()).as(mode).isPositive();
                double previous = 1;
                List<Double> scores = new ArrayList<>();
                for (JsonNode hit : all) {
                    double score = hit.get("score").asDouble();
                    assertThat(score).as(mode).isBetween(0.0, previous);
                    assertThat(hit.get("label").asText()).as(mode).isEqualTo(RelevanceScale.label(score));
                    scores.add(score);
                    previous = score;
                }
                double threshold = scores.get(scores.size() / 2);
                JsonNode kept = search(api, "{" + base + ",\"kiosk_mode\":true,\"threshold\":" + threshold + "}");
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < scores.size() && scores.get(i) >= threshold; i++) {
                    expected.add(all.get(i).get("id").asText());
                }
                assertThat(ids(kept)).as(mode).isEqualTo(expected);
            }
        }
    }

    @Test
    void theHybridScoreIsNeverBelowTheDenseScoreOfTheSameItem() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            String base = "\"query\":\"loyal dogs and cats as pets\",\"namespaces\":[\"docs\"],\"top_k\":100,\"search_mode\":";
            Map<String, Double> dense = scores(search(api, "{" + base + "\"dense\"}"));
            Map<String, Double> hybrid = scores(search(api, "{" + base + "\"hybrid\"}"));
            assertThat(hybrid.keySet()).containsAll(dense.keySet());
            dense.forEach((id, score) -> assertThat(hybrid.get(id)).as(id).isGreaterThanOrEqualTo(score));
            // Items sharing words with the query rise; the others keep their dense score.
            assertThat(hybrid.get("dog")).isGreaterThan(dense.get("dog"));
            assertThat(hybrid.get("rain")).isEqualTo(dense.get("rain"));
        }
    }

    @Test
    void filtersApplyInEveryMode() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            for (String mode : MODES) {
                String modeField = ",\"search_mode\":\"" + mode + "\"";
                assertThat(ids(search(api, "{\"query\":\"pets #team:ai\",\"namespaces\":[\"docs\"]" + modeField + "}")))
                        .as(mode).isSubsetOf("cat", "dog").isNotEmpty();
                assertThat(ids(search(api, "{\"query\":\"important pets #important\",\"namespaces\":[\"docs\"]"
                        + modeField + "}"))).as(mode).isSubsetOf("dog", "market").isNotEmpty();
                assertThat(ids(search(api, "{\"query\":\"market news\",\"namespaces\":[\"docs\"],"
                        + "\"metadata\":{\"team\":\"ops\"}" + modeField + "}"))).as(mode).isSubsetOf("market", "rain")
                        .contains("market");
                assertThat(search(api, "{\"query\":\"pets #team:nobody\",\"namespaces\":[\"docs\"]" + modeField + "}"))
                        .as(mode).isEmpty();
            }
        }
    }

    @Test
    void theWordsFollowUpdatesDeletesRestartsAndNamespaceDeletion() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            String lexical = "{\"query\":\"%s\",\"namespaces\":[\"docs\"],\"search_mode\":\"lexical\"}";
            api.uploadAndWait("docs", "documents", "[{\"id\":\"part\",\"text\":\"Replacement valves ship in spring.\"}]");
            assertThat(ids(search(api, lexical.formatted("QX-7731")))).isEmpty();
            assertThat(ids(search(api, lexical.formatted("valves")))).containsExactly("part");

            api.post("/namespaces/docs/items/delete", "{\"ids\":[\"cat\"]}");
            assertThat(ids(search(api, lexical.formatted("purring mice")))).isEmpty();
            for (String mode : MODES) {
                assertThat(ids(search(api, "{\"query\":\"cats purr\",\"namespaces\":[\"docs\"],\"top_k\":100,"
                        + "\"search_mode\":\"" + mode + "\"}"))).as(mode).doesNotContain("cat");
            }

            server.restart();
            Api again = server.api();
            assertThat(ids(search(again, lexical.formatted("valves")))).containsExactly("part");
            assertThat(ids(search(again, lexical.formatted("purring mice")))).isEmpty();
            assertThat(ids(search(again, lexical.formatted("loyal companions")))).containsExactly("dog");

            again.awaitJob("/namespaces/docs/delete-jobs/" + again.delete("/namespaces/docs").get("job_id").asText());
            again.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            again.uploadAndWait("docs", "documents", "[{\"id\":\"only\",\"text\":\"Nothing about animals here.\"}]");
            assertThat(ids(search(again, lexical.formatted("loyal companions")))).isEmpty();
            assertThat(ids(search(again, lexical.formatted("animals")))).containsExactly("only");
        }
    }

    @Test
    void theServerDefaultComesFromTheEnvironmentAndRequestsOverrideIt() {
        String body = "{\"query\":\"loyal dogs and cats as pets\",\"namespaces\":[\"docs\"],\"top_k\":5%s}";
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_SEARCH_MODE", "dense"))) {
            Api api = server.api();
            seed(api);
            assertThat(search(api, body.formatted(""))).isEqualTo(search(api, body.formatted(",\"search_mode\":\"dense\"")));
            assertThat(search(api, body.formatted(""))).isNotEqualTo(search(api, body.formatted(",\"search_mode\":\"hybrid\"")));
        }
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            assertThat(search(api, body.formatted(""))).isEqualTo(search(api, body.formatted(",\"search_mode\":\"HYBRID\"")));
        }
    }

    @Test
    void badModesAre400WithAMessageAboutTheRequest() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seed(api);
            api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}");
            Map<String, String> refused = new HashMap<>();
            refused.put("{\"query\":\"x\",\"namespaces\":[\"docs\"],\"search_mode\":\"fuzzy\"}", "'search_mode' must be one of");
            refused.put("{\"query\":\"x\",\"namespaces\":[\"docs\"],\"search_mode\":3}", "'search_mode' must be one of");
            refused.put("{\"query\":[1,2,3],\"namespaces\":[\"vecs\"],\"search_mode\":\"lexical\"}", "needs a text query");
            refused.put("{\"query\":[1,2,3],\"namespaces\":[\"vecs\"],\"search_mode\":\"hybrid\"}", "needs a text query");
            refused.forEach((body, message) -> {
                Api.Response response = api.post("/search", body);
                assertThat(response.status()).as(body).isEqualTo(400);
                assertThat(response.message()).as(body).contains(message);
            });
            assertThat(api.post("/search", "{\"query\":[1,2,3],\"namespaces\":[\"vecs\"],\"search_mode\":\"dense\"}")
                    .status()).isEqualTo(200);
        }
    }

    private static void seed(Api api) {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "["
                + "{\"id\":\"cat\",\"text\":\"Cats are small furry pets that purr and chase mice.\",\"team\":\"ai\"},"
                + "{\"id\":\"dog\",\"text\":\"Dogs are loyal pets and important companions.\",\"team\":\"AI\"},"
                + "{\"id\":\"market\",\"text\":\"The stock market fell sharply today; important news.\",\"team\":\"ops\"},"
                + "{\"id\":\"rain\",\"text\":\"Heavy rain is expected over the weekend.\",\"team\":\"ops\"},"
                + "{\"id\":\"part\",\"text\":\"Order QX-7731 was placed under a safety recall last week.\",\"team\":\"eng\"},"
                + "{\"id\":\"code\",\"text\":\"Java records make immutable data classes concise.\",\"team\":\"eng\"}]");
    }

    private static JsonNode search(Api api, String body) {
        Api.Response response = api.post("/search", body);
        assertThat(response.status()).as(body + " -> " + response.text()).isEqualTo(200);
        return response.get("results");
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static Map<String, Double> scores(JsonNode results) {
        Map<String, Double> scores = new HashMap<>();
        results.forEach(hit -> scores.put(hit.get("id").asText(), hit.get("score").asDouble()));
        return scores;
    }
}
