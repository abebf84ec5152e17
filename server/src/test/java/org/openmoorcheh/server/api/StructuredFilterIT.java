package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/**
 * Issue 25 over HTTP: the structured {@code filter} in every search mode and over several
 * namespaces, exact pre-filtering against a brute-force reference, similarities and vectors on
 * request, metadata that round-trips as written, delete by filter and clear, and 400s that name
 * the place of a mistake.
 */
class StructuredFilterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DIMENSION = 8;
    private static final String[] GENRES = {"drama", "crime", "comedy", "horror"};

    @TempDir
    Path dir;

    private record Stored(String id, float[] vector, Map<String, Object> metadata) {
    }

    @Test
    void vectorFiltersArePreFilteredExactlyAndReportSimilarityAndVectors() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":"
                    + DIMENSION + "}").status()).isEqualTo(201);
            List<Stored> stored = seedVectors(api, random, 400);
            List<Map.Entry<String, Predicate<Map<String, Object>>>> filters = List.of(
                    Map.entry("{\"year\":{\"$gte\":2020}}", m -> number(m, "year") >= 2020),
                    Map.entry("{\"genre\":{\"$in\":[\"drama\",\"crime\"]},\"draft\":{\"$ne\":true}}",
                            m -> ("drama".equals(m.get("genre")) || "crime".equals(m.get("genre"))) && !Boolean.TRUE.equals(m.get("draft"))),
                    Map.entry("{\"$or\":[{\"year\":{\"$lt\":2001}},{\"$not\":{\"rating\":{\"$gt\":0.5}}}]}",
                            m -> number(m, "year") < 2001 || !(number(m, "rating") > 0.5)),
                    Map.entry("{\"$and\":[{\"genre\":\"horror\"},{\"year\":{\"$gt\":2023}},{\"title\":{\"$contains\":\"7\"}}]}",
                            m -> "horror".equals(m.get("genre")) && number(m, "year") > 2023
                                    && String.valueOf(m.get("title")).contains("7")),
                    Map.entry("{\"genre\":\"none-such\"}", m -> false));
            for (var filter : filters) {
                float[] query = randomVector(random);
                JsonNode results = search(api, "{\"query\":" + JSON.writeValueAsString(query)
                        + ",\"namespaces\":[\"v\"],\"top_k\":100,\"include_similarity\":true,\"include_vectors\":true,"
                        + "\"filter\":" + filter.getKey() + "}");
                List<Stored> expected = stored.stream().filter(s -> filter.getValue().test(s.metadata()))
                        .sorted(Comparator.comparingDouble((Stored s) -> -cosine(query, s.vector()))).limit(100).toList();
                assertThat(ids(results)).as("seed %d, filter %s", seed, filter.getKey())
                        .containsExactlyElementsOf(expected.stream().map(Stored::id).toList());
                for (int i = 0; i < results.size(); i++) {
                    JsonNode hit = results.get(i);
                    assertThat(hit.get("similarity").asDouble()).isCloseTo(cosine(query, expected.get(i).vector()),
                            org.assertj.core.data.Offset.offset(1e-5));
                    float[] vector = JSON.convertValue(hit.get("vector"), float[].class);
                    assertThat(vector).containsExactly(expected.get(i).vector());
                }
            }
            // Without the new fields the answer has none of them (what the official clients see).
            JsonNode plain = search(api, "{\"query\":" + JSON.writeValueAsString(randomVector(random))
                    + ",\"namespaces\":[\"v\"]}");
            assertThat(plain.get(0).has("similarity")).isFalse();
            assertThat(plain.get(0).has("vector")).isFalse();
        }
    }

    @Test
    void textSearchesFilterInEveryModeAcrossNamespacesAndWithTheOlderFilters() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            for (String ns : List.of("a", "b")) {
                assertThat(api.post("/namespaces", "{\"namespace_name\":\"" + ns + "\",\"type\":\"text\"}").status())
                        .isEqualTo(201);
                api.uploadAndWait(ns, "documents", """
                        [{"id":"%1$s1","text":"cats purr and chase mice","year":2019,"kind":"pet"},
                         {"id":"%1$s2","text":"cats sleep in the sun","year":2022,"kind":"pet"},
                         {"id":"%1$s3","text":"cats of the wild hunt at night","year":2024,"kind":"wild"},
                         {"id":"%1$s4","text":"dogs chase cats","kind":"pet"}]""".formatted(ns));
            }
            for (String mode : List.of("dense", "lexical", "hybrid")) {
                JsonNode results = search(api, "{\"query\":\"cats\",\"namespaces\":[\"a\",\"b\"],\"search_mode\":\"" + mode
                        + "\",\"filter\":{\"year\":{\"$gte\":2020}}}");
                assertThat(ids(results)).as(mode).containsExactlyInAnyOrder("a2", "a3", "b2", "b3");
                JsonNode anded = search(api, "{\"query\":\"cats #kind:pet\",\"namespaces\":[\"a\",\"b\"],\"search_mode\":\""
                        + mode + "\",\"filter\":{\"year\":{\"$gte\":2020}}}");
                assertThat(ids(anded)).as(mode).containsExactlyInAnyOrder("a2", "b2");
                JsonNode withMetadata = search(api, "{\"query\":\"cats\",\"namespaces\":[\"a\"],\"search_mode\":\"" + mode
                        + "\",\"metadata\":{\"kind\":\"pet\"},\"filter\":{\"year\":{\"$nin\":[2019]}}}");
                assertThat(ids(withMetadata)).as(mode).containsExactlyInAnyOrder("a2", "a4");
            }
            // Similarity is known where a cosine was computed: not in lexical mode.
            JsonNode lexical = search(api, "{\"query\":\"cats\",\"namespaces\":[\"a\"],\"search_mode\":\"lexical\","
                    + "\"include_similarity\":true}");
            assertThat(lexical.get(0).has("similarity")).isFalse();
            JsonNode hybrid = search(api, "{\"query\":\"cats\",\"namespaces\":[\"a\"],\"include_similarity\":true}");
            assertThat(hybrid.get(0).get("similarity").asDouble()).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void metadataRoundTripsAsWritten() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":2}");
            String metadata = "{\"long\":1746714878034235396,\"max\":9223372036854775807,\"one\":1.0,"
                    + "\"d\":1.23456789,\"tiny\":4.9E-324,\"f\":3.4028235E38,\"uuid\":\"9f0c3a1e-5f59-4d8e-8a38-0c1f5b6c2d11\","
                    + "\"flag\":true,\"nested\":{\"x\":[1,2.50,\"y\"]}}";
            api.uploadAndWait("v", "vectors", "[{\"id\":\"m\",\"vector\":[1,0],\"metadata\":" + metadata + "}]");
            JsonNode expected = readExact(metadata);
            JsonNode found = readExact(api.post("/namespaces/v/items/get", "{\"ids\":[\"m\"]}").text())
                    .get("items").get(0).get("metadata");
            assertThat(found).isEqualTo(expected);
            JsonNode hit = readExact(api.post("/search", "{\"query\":[1,0],\"namespaces\":[\"v\"]}").text())
                    .get("results").get(0).get("metadata");
            assertThat(hit).isEqualTo(expected);
            // Filters see the same values: int64 exactly, 1.0 as 1.
            assertThat(ids(search(api, "{\"query\":[1,0],\"namespaces\":[\"v\"],\"filter\":{\"long\":1746714878034235396,"
                    + "\"one\":1,\"flag\":true,\"uuid\":\"9f0c3a1e-5f59-4d8e-8a38-0c1f5b6c2d11\"}}"))).containsExactly("m");
            assertThat(ids(search(api, "{\"query\":[1,0],\"namespaces\":[\"v\"],\"filter\":{\"long\":1746714878034235397}}")))
                    .isEmpty();
        }
    }

    @Test
    void deleteByFilterAndClearKeepTheNamespaceAndSurviveARestart() throws Exception {
        Random random = new Random(7);
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_DELETE_BATCH_SIZE", "7"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":" + DIMENSION + "}");
            List<Stored> stored = seedVectors(api, random, 120);
            long old = stored.stream().filter(s -> number(s.metadata(), "year") < 2010).count();
            Api.Response deleted = api.post("/namespaces/v/items/delete", "{\"filter\":{\"year\":{\"$lt\":2010}}}");
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.get("deleted").asInt()).isEqualTo((int) old).isPositive();
            assertThat(deleted.get("requested").asInt()).isEqualTo((int) old);
            String everything = "{\"query\":" + JSON.writeValueAsString(randomVector(random))
                    + ",\"namespaces\":[\"v\"],\"top_k\":100}";
            assertThat(search(api, everything).size()).isEqualTo((int) Math.min(100, 120 - old));
            assertThat(ids(search(api, "{\"query\":[1,1,1,1,1,1,1,1],\"namespaces\":[\"v\"],\"top_k\":100,"
                    + "\"filter\":{\"year\":{\"$lt\":2010}}}"))).isEmpty();
            assertThat(api.get("/health").get("items").asLong()).isEqualTo(120 - old);

            server.restart();
            api = server.api();
            assertThat(api.get("/health").get("items").asLong()).isEqualTo(120 - old);
            long recent = stored.stream().filter(s -> number(s.metadata(), "year") >= 2020).count();
            assertThat(search(api, "{\"query\":[1,1,1,1,1,1,1,1],\"namespaces\":[\"v\"],\"top_k\":100,"
                    + "\"filter\":{\"year\":{\"$gte\":2020}}}").size()).isEqualTo((int) recent);

            Api.Response cleared = api.post("/namespaces/v/items/delete", "{\"all\":true}");
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.get("deleted").asLong()).isEqualTo(120 - old);
            assertThat(search(api, everything).size()).isZero();
            assertThat(api.get("/health").get("items").asLong()).isZero();
            assertThat(api.get("/namespaces").text()).contains("\"v\"");
            api.uploadAndWait("v", "vectors", "[{\"id\":\"again\",\"vector\":[1,1,1,1,1,1,1,1],\"year\":2000}]");
            assertThat(ids(search(api, "{\"query\":[1,1,1,1,1,1,1,1],\"namespaces\":[\"v\"],\"filter\":{\"year\":2000}}")))
                    .containsExactly("again");
        }
    }

    @Test
    void mistakesAre400sThatNameThePlace() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"v\",\"type\":\"vector\",\"vector_dimension\":2}");
            api.uploadAndWait("v", "vectors", "[{\"id\":\"a\",\"vector\":[1,0],\"year\":2020}]");
            Api.Response bad = api.post("/search", "{\"query\":[1,0],\"namespaces\":[\"v\"],"
                    + "\"filter\":{\"$and\":[{\"a\":1},{\"year\":{\"$gte\":true}}]}}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.message()).isEqualTo("filter.$and[1].year: $gte needs a number or a string, got boolean.");
            assertThat(api.post("/search", "{\"query\":[1,0],\"namespaces\":[\"v\"],\"include_vectors\":\"yes\"}").status())
                    .isEqualTo(400);
            for (String body : List.of("{}", "{\"ids\":[\"a\"],\"all\":true}", "{\"all\":false}", "{\"filter\":{}}",
                    "{\"filter\":{\"year\":{\"$regex\":\"x\"}}}", "{\"filter\":\"year\"}")) {
                Api.Response refused = api.post("/namespaces/v/items/delete", body);
                assertThat(refused.status()).as(body).isEqualTo(400);
                assertThat(refused.message()).as(body).doesNotContain("Exception").doesNotContain("org.");
            }
            assertThat(api.get("/health").get("items").asLong()).isEqualTo(1);
            assertThat(api.post("/namespaces/nope/items/delete", "{\"all\":true}").status()).isEqualTo(404);
        }
    }

    private static List<Stored> seedVectors(Api api, Random random, int count) throws Exception {
        List<Stored> stored = new ArrayList<>();
        ArrayNode entries = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            Map<String, Object> metadata = new HashMap<>();
            if (random.nextInt(10) > 0) {
                metadata.put("year", 2000 + random.nextInt(26));
            }
            if (random.nextInt(10) > 0) {
                metadata.put("genre", GENRES[random.nextInt(GENRES.length)]);
            }
            if (random.nextBoolean()) {
                metadata.put("draft", random.nextBoolean());
            }
            if (random.nextInt(4) > 0) {
                metadata.put("rating", random.nextInt(100) / 100.0);
            }
            metadata.put("title", "t" + random.nextInt(100));
            float[] vector = randomVector(random);
            String id = "item-" + i;
            stored.add(new Stored(id, vector, metadata));
            ObjectNode entry = JSON.createObjectNode().put("id", id);
            entry.set("vector", JSON.valueToTree(vector));
            entry.set("metadata", JSON.valueToTree(metadata));
            entries.add(entry);
        }
        api.uploadAndWait("v", "vectors", JSON.writeValueAsString(entries));
        return stored;
    }

    private static double number(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static float[] randomVector(Random random) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static JsonNode readExact(String json) {
        try {
            return Jsons.exactTree(JSON).readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode search(Api api, String body) {
        Api.Response response = api.post("/search", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.get("results");
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }
}
