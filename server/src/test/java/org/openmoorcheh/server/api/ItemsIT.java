package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 45-59: items by id, delete by id, and paging through text. */
class ItemsIT extends RunningServerTestBase {

    @BeforeEach
    void createNamespaces() {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":2}");
    }

    @Test
    void getReturnsFoundItemsAndSkipsUnknownOnes() {
        uploadNoFailures("docs", "documents", "[{\"id\":\"doc-1\",\"text\":\"Moorcheh on-prem retrieval test\",\"team\":\"ai\"}]");
        Api.Response found = api.post("/namespaces/docs/items/get", "{\"ids\":[\"doc-1\",\"doc-2\"]}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.get("status").asText()).isEqualTo("success");
        assertThat(found.message()).isEqualTo("Successfully retrieved 1 items from namespace 'docs'.");
        assertThat(found.get("requested_ids").asInt()).isEqualTo(2);
        assertThat(found.get("found_items").asInt()).isEqualTo(1);
        JsonNode item = found.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo("doc-1");
        assertThat(item.get("text").asText()).isEqualTo("Moorcheh on-prem retrieval test");
        assertThat(item.get("metadata").get("team").asText()).isEqualTo("ai");
    }

    @Test
    void deleteReportsDeletedAndMissingAndFreesQuotaAtOnce() {
        uploadNoFailures("vecs", "vectors", "[{\"id\":\"a\",\"vector\":[1,0]},{\"id\":\"b\",\"vector\":[0,1]}]");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(2);
        Api.Response deleted = api.post("/namespaces/vecs/items/delete", "{\"ids\":[\"a\",\"doc-missing\"]}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().fieldNames()).toIterable().containsExactly(
                "status", "message", "namespace_name", "requested", "deleted", "not_found_ids");
        assertThat(deleted.message()).isEqualTo("Delete by ids completed.");
        assertThat(deleted.get("namespace_name").asText()).isEqualTo("vecs");
        assertThat(deleted.get("requested").asInt()).isEqualTo(2);
        assertThat(deleted.get("deleted").asInt()).isEqualTo(1);
        assertThat(deleted.get("not_found_ids")).hasSize(1);
        assertThat(deleted.get("not_found_ids").get(0).asText()).isEqualTo("doc-missing");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(1);
    }

    @Test
    void deletingOnlyUnknownIdsIsStillASuccess() {
        Api.Response deleted = api.post("/namespaces/docs/items/delete", "{\"ids\":[\"x\",\"y\"]}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("deleted").asInt()).isZero();
        assertThat(deleted.get("not_found_ids")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"items/get", "items/delete"})
    void idListsAreValidated(String endpoint) {
        List<String> bad = List.of("{\"ids\":[]}", "{}", "{\"ids\":\"a\"}", "{\"ids\":[\"\"]}", "{\"ids\":[1]}",
                "{\"ids\":" + ids(101) + "}");
        for (String body : bad) {
            Api.Response refused = api.post("/namespaces/docs/" + endpoint, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.get("status").asText()).isEqualTo("failure");
            assertThat(refused.message()).isNotBlank();
        }
        assertThat(api.post("/namespaces/docs/" + endpoint, "{\"ids\":" + ids(100) + "}").status()).isEqualTo(200);
        assertThat(api.post("/namespaces/nope/" + endpoint, "{\"ids\":[\"a\"]}").status()).isEqualTo(404);
    }

    @Test
    void fetchTextDataPagesThroughAllItemsOnce() {
        StringBuilder docs = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            docs.append(i == 0 ? "" : ",").append("{\"id\":\"d").append(i).append("\",\"text\":\"document ")
                    .append(i).append("\"}");
        }
        uploadNoFailures("docs", "documents", docs.append("]").toString());

        Api.Response first = api.get("/namespaces/docs/documents/fetch-text-data?limit=100");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().fieldNames()).toIterable().contains("status", "message", "namespace", "statistics",
                "items", "pagination", "execution_time");
        assertThat(first.get("items")).hasSize(100);
        assertThat(first.get("pagination").get("has_more").asBoolean()).isTrue();
        assertThat(first.get("statistics").get("total_items").asInt()).isEqualTo(100);
        String token = first.get("pagination").get("next_token").asText();

        Api.Response second = api.get("/namespaces/docs/documents/fetch-text-data?limit=100&next_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(second.get("items")).hasSize(50);
        assertThat(second.get("pagination").get("has_more").asBoolean()).isFalse();
        assertThat(second.get("pagination").get("next_token").isNull()).isTrue();
        assertThat(second.get("statistics").get("total_items").asInt()).isEqualTo(50);

        Set<String> seen = new HashSet<>();
        for (JsonNode item : first.get("items")) {
            assertThat(seen.add(item.get("id").asText())).isTrue();
        }
        for (JsonNode item : second.get("items")) {
            assertThat(seen.add(item.get("id").asText())).isTrue();
        }
        assertThat(seen).hasSize(150);
    }

    @Test
    void fetchTextDataDefaultsAndItemShape() {
        uploadNoFailures("docs", "documents", "[{\"id\":\"a\",\"text\":\"alpha\",\"team\":\"ai\"}]");
        Api.Response page = api.get("/namespaces/docs/documents/fetch-text-data");
        assertThat(page.get("pagination").get("limit").asInt()).isEqualTo(100);
        assertThat(page.get("namespace").asText()).isEqualTo("docs");
        assertThat(page.get("execution_time").isNumber()).isTrue();
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("is_summary").asBoolean()).isFalse();
        assertThat(item.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(item.get("metadata").get("team").asText()).isEqualTo("ai");
        JsonNode statistics = page.get("statistics");
        assertThat(statistics.get("total_text_chunks").asInt()).isEqualTo(1);
        assertThat(statistics.get("total_summary_chunks").asInt()).isZero();
        assertThat(statistics.get("created_at_min").asText()).isEqualTo(item.get("created_at").asText());
        assertThat(statistics.get("source_counts").get("docs").asInt()).isEqualTo(1);

        Api.Response clamped = api.get("/namespaces/docs/documents/fetch-text-data?limit=500");
        assertThat(clamped.status()).isEqualTo(200);
        assertThat(clamped.get("pagination").get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void emptyNamespacePageHasNullTimes() {
        Api.Response page = api.get("/namespaces/docs/documents/fetch-text-data");
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("statistics").get("created_at_min").isNull()).isTrue();
        assertThat(page.get("pagination").get("has_more").asBoolean()).isFalse();
    }

    @Test
    void pagingStaysStableWhileItemsComeAndGo() {
        StringBuilder docs = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            docs.append(i == 0 ? "" : ",").append(String.format("{\"id\":\"k%02d\",\"text\":\"t\"}", i));
        }
        uploadNoFailures("docs", "documents", docs.append("]").toString());
        Api.Response first = api.get("/namespaces/docs/documents/fetch-text-data?limit=10");
        String token = first.get("pagination").get("next_token").asText();
        api.post("/namespaces/docs/items/delete", "{\"ids\":[\"k05\",\"k15\"]}");
        uploadNoFailures("docs", "documents", "[{\"id\":\"k00a\",\"text\":\"new, sorts before the cursor\"},"
                + "{\"id\":\"k99\",\"text\":\"new, sorts after it\"}]");
        List<String> rest = new ArrayList<>();
        while (token != null) {
            Api.Response page = api.get("/namespaces/docs/documents/fetch-text-data?limit=10&next_token=" + token);
            page.get("items").forEach(item -> rest.add(item.get("id").asText()));
            JsonNode next = page.get("pagination").get("next_token");
            token = next.isNull() ? null : next.asText();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 10; i < 30; i++) {
            if (i != 15) {
                expected.add(String.format("k%02d", i));
            }
        }
        expected.add("k99");
        assertThat(rest).containsExactlyElementsOf(expected);
    }

    @Test
    void fetchTextDataRefusesVectorNamespacesBadLimitsAndForeignTokens() {
        assertThat(api.get("/namespaces/vecs/documents/fetch-text-data").status()).isEqualTo(400);
        assertThat(api.get("/namespaces/nope/documents/fetch-text-data").status()).isEqualTo(404);
        for (String limit : List.of("0", "-1", "ten", "1.5")) {
            Api.Response refused = api.get("/namespaces/docs/documents/fetch-text-data?limit=" + limit);
            assertThat(refused.status()).as(limit).isEqualTo(400);
            assertThat(refused.message()).contains("limit");
        }
        api.post("/namespaces", "{\"namespace_name\":\"other\",\"type\":\"text\"}");
        uploadNoFailures("other", "documents", "[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}]");
        String foreign = api.get("/namespaces/other/documents/fetch-text-data?limit=1")
                .get("pagination").get("next_token").asText();
        Api.Response refused = api.get("/namespaces/docs/documents/fetch-text-data?next_token=" + foreign);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("another namespace");
        for (String garbled : List.of("not-a-token", "%25%25", "djE6")) {
            assertThat(api.get("/namespaces/docs/documents/fetch-text-data?next_token=" + garbled).status())
                    .as(garbled).isEqualTo(400);
        }
    }

    /** Uploads, waits, and requires that no item failed. */
    private void uploadNoFailures(String namespace, String field, String entries) {
        String jobId = api.uploadAndWait(namespace, field, entries);
        assertThat(api.get("/namespaces/" + namespace + "/upload-jobs/" + jobId).get("failed").asInt()).isZero();
    }

    private static String ids(int count) {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "" : ",").append("\"id-").append(i).append('"');
        }
        return ids.append(']').toString();
    }
}
