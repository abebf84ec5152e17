package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 60-73 for {@code POST /search}, plus determinism and freshness. */
class SearchIT {

    private static final List<String> TIMING_KEYS = List.of("parse_validate", "prepare_vector", "fetch_data",
            "calculate_distance", "select_candidates", "calculate_scores", "reorder", "format_response", "total");

    @TempDir
    Path dir;

    @Test
    void textSearchReturnsRankedLabelledHitsWithTimings() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seedText(api);
            Api.Response found = search(api, "{\"query\":\"a small furry animal that purrs\",\"namespaces\":[\"docs\"]}");
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().has("status")).isFalse();
            assertThat(found.get("execution_time").isNumber()).isTrue();
            assertThat(found.get("timings").fieldNames()).toIterable().containsExactlyElementsOf(TIMING_KEYS);
            JsonNode results = found.get("results");
            assertThat(results.size()).isBetween(1, 10);
            assertThat(results.get(0).get("id").asText()).isEqualTo("cat");
            double previous = 1.0;
            for (JsonNode hit : results) {
                double score = hit.get("score").asDouble();
                assertThat(score).isBetween(0.0, previous);
                assertThat(hit.get("score").asText().replaceFirst("^[^.]*\\.?", "").length()).isLessThanOrEqualTo(6);
                assertThat(hit.get("label").asText()).isEqualTo(RelevanceScale.label(score));
                assertThat(hit.get("namespace").asText()).isEqualTo("docs");
                assertThat(hit.get("metadata").isObject()).isTrue();
                assertThat(hit.get("text").asText()).isNotEmpty();
                previous = score;
            }
        }
    }

    @Test
    void vectorSearchFindsTheIdenticalVectorFirstWithEmptyText() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            List<float[]> vectors = seedVectors(api, "vecs", 500, 16, new Random(7));
            Api.Response found = search(api, "{\"query\":" + json(vectors.get(123)) + ",\"namespaces\":[\"vecs\"],"
                    + "\"top_k\":3}");
            JsonNode top = found.get("results").get(0);
            assertThat(top.get("id").asText()).isEqualTo("v123");
            assertThat(top.get("score").asDouble()).isEqualTo(1.0);
            assertThat(top.get("label").asText()).isEqualTo("Close Match");
            assertThat(top.get("text").asText()).isEmpty();
            assertThat(top.get("metadata").get("n").asInt()).isEqualTo(123);
            assertThat(found.get("results")).hasSize(3);
        }
    }

    @Test
    void topKDefaultsToTenAndIsClamped() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            List<float[]> vectors = seedVectors(api, "vecs", 300, 8, new Random(3));
            String query = json(vectors.get(0));
            assertThat(search(api, "{\"query\":" + query + ",\"namespaces\":[\"vecs\"]}").get("results")).hasSize(10);
            assertThat(search(api, "{\"query\":" + query + ",\"namespaces\":[\"vecs\"],\"top_k\":500}")
                    .get("results")).hasSize(100);
            Api.Response zero = search(api, "{\"query\":" + query + ",\"namespaces\":[\"vecs\"],\"top_k\":0}");
            assertThat(zero.status()).isEqualTo(200);
            assertThat(zero.get("results")).hasSize(1);
            // What the Python client always sends: no metadata, threshold 0.0.
            Api.Response client = search(api, "{\"query\":" + query + ",\"namespaces\":[\"vecs\"],\"top_k\":5,"
                    + "\"threshold\":0.0}");
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.get("results")).hasSize(5);
        }
    }

    @Test
    void kioskModeAppliesTheThresholdAndNeedsOne() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seedText(api);
            String base = "\"query\":\"pets\",\"namespaces\":[\"docs\"]";
            Api.Response missing = search(api, "{" + base + ",\"kiosk_mode\":true}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.get("status").asText()).isEqualTo("error");
            JsonNode all = search(api, "{" + base + ",\"threshold\":0.05}").get("results");
            JsonNode kept = search(api, "{" + base + ",\"threshold\":0.05,\"kiosk_mode\":true}").get("results");
            assertThat(all.size()).isEqualTo(5);
            assertThat(kept.size()).isLessThan(all.size()).isPositive();
            kept.forEach(hit -> assertThat(hit.get("score").asDouble()).isGreaterThanOrEqualTo(0.05));
            assertThat(search(api, "{" + base + ",\"threshold\":0.99,\"kiosk_mode\":true}").get("results")).isEmpty();
        }
    }

    @Test
    void validationErrorsAre400WithStatusError() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}");
            for (String body : List.of(
                    "{\"query\":\"x\",\"namespaces\":[]}",
                    "{\"query\":\"x\"}",
                    "{\"query\":\"x\",\"namespaces\":[\"nope\"]}",
                    "{\"query\":\"x\",\"namespaces\":[\"vecs\"]}",
                    "{\"query\":[1,2,3],\"namespaces\":[\"docs\"]}",
                    "{\"query\":[1,2],\"namespaces\":[\"vecs\"]}",
                    "{\"query\":[],\"namespaces\":[\"vecs\"]}",
                    "{\"query\":[1,NaN,3],\"namespaces\":[\"vecs\"]}",
                    "{\"query\":\"\",\"namespaces\":[\"docs\"]}",
                    "{\"query\":\"#only:filters\",\"namespaces\":[\"docs\"]}",
                    "{\"query\":42,\"namespaces\":[\"docs\"]}",
                    "{\"query\":\"x\",\"namespaces\":[\"docs\"],\"top_k\":\"ten\"}",
                    "{\"query\":\"x\",\"namespaces\":[\"docs\"],\"threshold\":1.5}",
                    "{\"query\":\"x\",\"namespaces\":[\"docs\"],\"kiosk_mode\":\"yes\",\"threshold\":0.1}",
                    "{\"query\":\"x\",\"namespaces\":[\"docs\"],\"metadata\":[1]}",
                    "[]", "not json")) {
                Api.Response refused = search(api, body);
                assertThat(refused.status()).as(body).isEqualTo(400);
                assertThat(refused.get("status").asText()).as(body).isEqualTo("error");
                assertThat(refused.message()).as(body).isNotBlank();
            }
        }
    }

    @Test
    void inQueryFiltersRestrictHits() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seedText(api);
            JsonNode team = search(api, "{\"query\":\"animals #team:ai\",\"namespaces\":[\"docs\"]}").get("results");
            JsonNode upper = search(api, "{\"query\":\"animals #team:AI\",\"namespaces\":[\"docs\"]}").get("results");
            assertThat(ids(team)).containsExactlyInAnyOrder("cat", "dog");
            assertThat(ids(upper)).isEqualTo(ids(team));
            JsonNode keyword = search(api, "{\"query\":\"animals #important\",\"namespaces\":[\"docs\"]}").get("results");
            assertThat(ids(keyword)).containsExactlyInAnyOrder("dog", "market");
            JsonNode both = search(api, "{\"query\":\"animals #team:ai #important\",\"namespaces\":[\"docs\"]}")
                    .get("results");
            assertThat(ids(both)).containsExactly("dog");
            Api.Response none = search(api, "{\"query\":\"animals #team:nobody\",\"namespaces\":[\"docs\"]}");
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.get("results")).isEmpty();
            JsonNode legacy = search(api, "{\"query\":\"animals\",\"namespaces\":[\"docs\"],\"metadata\":{\"team\":\"ops\"}}")
                    .get("results");
            assertThat(ids(legacy)).containsExactlyInAnyOrder("market", "rain");
        }
    }

    @Test
    void severalNamespacesAreMergedByScore() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            seedText(api);
            api.post("/namespaces", "{\"namespace_name\":\"more\",\"type\":\"text\"}");
            api.uploadAndWait("more", "documents", "[{\"id\":\"kitten\",\"text\":\"A kitten is a young cat that purrs.\"}]");
            JsonNode results = search(api, "{\"query\":\"a young cat\",\"namespaces\":[\"docs\",\"more\"],\"top_k\":3}")
                    .get("results");
            assertThat(results.get(0).get("id").asText()).isEqualTo("kitten");
            assertThat(results.get(0).get("namespace").asText()).isEqualTo("more");
            assertThat(results.get(1).get("namespace").asText()).isEqualTo("docs");
        }
    }

    @Test
    void sameQueryGivesIdenticalAnswersAcrossRepeatsRestartsAndThreadCounts() {
        Random random = new Random(11);
        float[] query;
        String first;
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_SEARCH_THREADS", "1"))) {
            Api api = server.api();
            seedVectors(api, "vecs", 40_000, 32, random);
            query = gaussian(random, 32);
            String body = "{\"query\":" + json(query) + ",\"namespaces\":[\"vecs\"],\"top_k\":25}";
            first = search(api, body).get("results").toString();
            for (int i = 0; i < 100; i++) {
                assertThat(search(api, body).get("results").toString()).isEqualTo(first);
            }
        }
        try (TestServer again = TestServer.start(dir, Map.of("MOORCHEH_SEARCH_THREADS", "8"))) {
            String body = "{\"query\":" + json(query) + ",\"namespaces\":[\"vecs\"],\"top_k\":25}";
            assertThat(search(again.api(), body).get("results").toString()).isEqualTo(first);
        }
    }

    @Test
    void completedItemsAreFoundAtOnceAndDeletedOnesNeverAgain() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            api.uploadAndWait("docs", "documents", "[{\"id\":\"fresh\",\"text\":\"The quick brown fox jumps over the lazy dog.\"}]");
            JsonNode hits = search(api, "{\"query\":\"quick brown fox\",\"namespaces\":[\"docs\"]}").get("results");
            assertThat(ids(hits)).containsExactly("fresh");

            api.post("/namespaces/docs/items/delete", "{\"ids\":[\"fresh\"]}");
            assertThat(search(api, "{\"query\":\"quick brown fox\",\"namespaces\":[\"docs\"]}").get("results")).isEmpty();
            server.restart();
            assertThat(search(server.api(), "{\"query\":\"quick brown fox\",\"namespaces\":[\"docs\"]}")
                    .get("results")).isEmpty();
        }
    }

    @Test
    void filterAdmittingFewItemsStillFillsTopK() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":16}");
            Random random = new Random(5);
            // 100,000 items of which the filter admits 50.
            for (int batch = 0; batch < 50; batch++) {
                StringBuilder entries = new StringBuilder("[");
                for (int i = 0; i < 2_000; i++) {
                    int n = batch * 2_000 + i;
                    entries.append(i == 0 ? "" : ",").append("{\"id\":\"v").append(n).append("\",\"vector\":")
                            .append(json(gaussian(random, 16))).append(",\"rare\":")
                            .append(n % 2_000 == 0 ? "\"yes\"" : "\"no\"").append('}');
                }
                api.uploadAndWait("vecs", "vectors", entries.append(']').toString());
            }
            JsonNode hits = search(api, "{\"query\":" + json(gaussian(random, 16)) + ",\"namespaces\":[\"vecs\"],"
                    + "\"top_k\":10,\"metadata\":{\"rare\":\"yes\"}}").get("results");
            assertThat(hits).hasSize(10);
            hits.forEach(hit -> assertThat(hit.get("metadata").get("rare").asText()).isEqualTo("yes"));
        }
    }

    private static void seedText(Api api) {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "["
                + "{\"id\":\"cat\",\"text\":\"Cats are small furry pets that purr and chase mice.\",\"team\":\"ai\"},"
                + "{\"id\":\"dog\",\"text\":\"Dogs are loyal pets and important companions.\",\"team\":\"AI\"},"
                + "{\"id\":\"market\",\"text\":\"The stock market fell sharply today; important news.\",\"team\":\"ops\"},"
                + "{\"id\":\"rain\",\"text\":\"Heavy rain is expected over the weekend.\",\"team\":\"ops\"},"
                + "{\"id\":\"code\",\"text\":\"Java records make immutable data classes concise.\",\"team\":\"eng\"}]");
    }

    private static List<float[]> seedVectors(Api api, String namespace, int count, int dimension, Random random) {
        api.post("/namespaces", "{\"namespace_name\":\"" + namespace + "\",\"type\":\"vector\",\"vector_dimension\":"
                + dimension + "}");
        List<float[]> vectors = new ArrayList<>();
        for (int from = 0; from < count; from += 2_000) {
            StringBuilder entries = new StringBuilder("[");
            for (int i = from; i < Math.min(count, from + 2_000); i++) {
                float[] vector = gaussian(random, dimension);
                vectors.add(vector);
                entries.append(i == from ? "" : ",").append("{\"id\":\"v").append(i).append("\",\"vector\":")
                        .append(json(vector)).append(",\"n\":").append(i).append('}');
            }
            api.uploadAndWait(namespace, "vectors", entries.append(']').toString());
        }
        return vectors;
    }

    private static Api.Response search(Api api, String body) {
        return api.post("/search", body);
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static String json(float[] vector) {
        StringBuilder out = new StringBuilder("[");
        for (int d = 0; d < vector.length; d++) {
            out.append(d == 0 ? "" : ",").append(vector[d]);
        }
        return out.append(']').toString();
    }
}
