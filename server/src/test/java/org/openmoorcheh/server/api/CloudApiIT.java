package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.TestServer;

/**
 * The cloud dialect under {@code /v1} (issue 15), called as the cloud SDK calls it: {@code x-api-key}
 * and {@code Accept: application/json} on every request, snake_case bodies (camelCase as the REST
 * docs write them also works), and the status codes the SDK accepts.
 */
class CloudApiIT {

    private static final String KEY = "cloud-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        JsonNode get(String field) {
            return json.get(field);
        }
    }

    @TempDir
    Path dir;
    private TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, Map.of("MOORCHEH_ADMIN_KEY", KEY));
        base = "http://127.0.0.1:" + server.api().port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void namespacesAreCreatedListedAndDeletedAsTheSdkExpects() {
        Answer created = call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\",\"vector_dimension\":null}");
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.get("namespace_name").asText()).isEqualTo("docs");
        assertThat(created.get("type").asText()).isEqualTo("text");
        assertThat(created.get("vector_dimension").isNull()).isTrue();
        assertThat(created.get("message").asText()).isNotBlank();
        Answer camel = call("POST", "/v1/namespaces", "{\"namespaceName\":\"vecs\",\"type\":\"vector\",\"vectorDimension\":3}");
        assertThat(camel.status()).isEqualTo(201);
        assertThat(camel.get("vector_dimension").asInt()).isEqualTo(3);
        assertThat(call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}").status())
                .isEqualTo(409);

        Answer listed = call("GET", "/v1/namespaces", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.get("execution_time").isNumber()).isTrue();
        JsonNode first = listed.get("namespaces").get(0);
        for (String field : List.of("namespace_name", "type", "item_count", "vector_dimension", "created_at")) {
            assertThat(first.has(field)).as(field).isTrue();
        }

        assertThat(call("DELETE", "/v1/namespaces/docs", null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/namespaces", null).get("namespaces").toString()).doesNotContain("\"docs\"");
        assertThat(call("DELETE", "/v1/namespaces/nope", null).status()).isEqualTo(404);
    }

    @Test
    void documentsGoUpAreFoundSearchedPagedAndDeleted() {
        call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        Answer uploaded = call("POST", "/v1/namespaces/docs/documents", "{\"documents\":["
                + "{\"id\":\"cat\",\"text\":\"Cats are small furry pets that purr.\",\"team\":\"ai\"},"
                + "{\"id\":7,\"text\":\"The stock market fell sharply today.\",\"team\":\"ops\"}]}");
        assertThat(uploaded.status()).as(uploaded.json().toString()).isEqualTo(202);
        assertThat(uploaded.get("submitted_ids").toString()).isEqualTo("[\"cat\",\"7\"]");

        Answer got = await("POST", "/v1/namespaces/docs/documents/get", "{\"ids\":[\"cat\",7,\"nope\"]}",
                a -> a.get("items").size() == 2);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.get("not_found_ids").toString()).isEqualTo("[\"nope\"]");
        assertThat(got.get("documents")).isEqualTo(got.get("items"));
        JsonNode cat = got.get("items").get(0);
        assertThat(cat.get("text").asText()).startsWith("Cats");
        assertThat(cat.get("metadata").get("team").asText()).isEqualTo("ai");

        Answer found = call("POST", "/v1/search", "{\"namespaces\":[\"docs\"],\"query\":\"kittens #team:ai\",\"top_k\":10,"
                + "\"kiosk_mode\":false}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.get("execution_time").isNumber()).isTrue();
        JsonNode hit = found.get("results").get(0);
        assertThat(hit.get("id").asText()).isEqualTo("cat");
        assertThat(hit.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(hit.get("label").asText()).isNotBlank();
        assertThat(hit.get("text").asText()).startsWith("Cats");
        assertThat(hit.get("metadata").get("team").asText()).isEqualTo("ai");
        assertThat(found.get("results").size()).isEqualTo(1);

        Answer page = call("GET", "/v1/namespaces/docs/documents/fetch-text-data?limit=1", null);
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("items").get(0).has("is_summary")).isTrue();
        assertThat(page.get("pagination").get("has_more").asBoolean()).isTrue();
        assertThat(page.get("statistics").has("total_items")).isTrue();
        Answer next = call("GET", "/v1/namespaces/docs/documents/fetch-text-data?limit=1&next_token="
                + page.get("pagination").get("next_token").asText(), null);
        assertThat(next.get("items").get(0).get("id").asText()).isNotEqualTo(page.get("items").get(0).get("id").asText());

        Answer partial = call("POST", "/v1/namespaces/docs/documents/delete", "{\"ids\":[\"cat\",\"ghost\"]}");
        assertThat(partial.status()).isEqualTo(207);
        assertThat(partial.get("status").asText()).isEqualTo("partial");
        assertThat(partial.get("deleted_ids").toString()).isEqualTo("[\"cat\"]");
        assertThat(partial.get("actual_deletions").asInt()).isEqualTo(1);
        assertThat(partial.get("errors").get(0).get("id").asText()).isEqualTo("ghost");
        Answer whole = call("POST", "/v1/namespaces/docs/documents/delete", "{\"ids\":[7]}");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.get("status").asText()).isEqualTo("success");
    }

    @Test
    void vectorsAreStoredAtOnceSearchedAndDeleted() {
        call("POST", "/v1/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}");
        Answer stored = call("POST", "/v1/namespaces/vecs/vectors", "{\"vectors\":["
                + "{\"id\":\"x\",\"vector\":[1,0,0],\"color\":\"red\"},{\"id\":\"y\",\"vector\":[0,1,0]}]}");
        assertThat(stored.status()).as(stored.json().toString()).isEqualTo(201);
        assertThat(stored.get("status").asText()).isEqualTo("success");
        // The SDK counts them with len(): a list of ids, not a number.
        assertThat(stored.get("vector_ids_processed").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(stored.get("errors")).isEmpty();

        Answer found = await("POST", "/v1/search", "{\"namespaces\":[\"vecs\"],\"query\":[0.9,0.1,0],\"top_k\":1}",
                a -> a.get("results").size() == 1);
        assertThat(found.get("results").get(0).get("id").asText()).isEqualTo("x");
        assertThat(found.get("results").get(0).get("metadata").get("color").asText()).isEqualTo("red");

        Answer deleted = call("POST", "/v1/namespaces/vecs/vectors/delete", "{\"ids\":[\"x\",\"y\"]}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.get("actual_deletions").asInt()).isEqualTo(2);
    }

    @Test
    void aFileGoesUpThroughItsUploadUrlAndIsListedSearchedAndDeleted() throws Exception {
        call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        Answer url = call("POST", "/v1/namespaces/docs/upload-url", "{\"fileName\":\"notes.txt\"}");
        assertThat(url.status()).as(url.json().toString()).isEqualTo(200);
        String uploadUrl = url.get("upload_url").asText();
        assertThat(uploadUrl).startsWith(base + "/v1/uploads/");
        assertThat(url.get("uploadUrl").asText()).isEqualTo(uploadUrl);
        assertThat(url.get("content_type").asText()).isEqualTo("text/plain");

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("x-api-key", KEY).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("Kangaroos carry their young in a pouch.")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("x-api-key", KEY).PUT(HttpRequest.BodyPublishers.ofString("twice")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);

        Answer found = await("POST", "/v1/search", "{\"namespaces\":[\"docs\"],\"query\":\"kangaroo pouch\",\"top_k\":3}",
                a -> a.get("results").toString().contains("Kangaroos"));
        assertThat(found.status()).isEqualTo(200);
        Answer listed = call("GET", "/v1/namespaces/docs/list-files", null);
        assertThat(listed.get("success").asBoolean()).isTrue();
        assertThat(listed.get("file_count").asInt()).isEqualTo(1);
        JsonNode file = listed.get("files").get(0);
        assertThat(file.get("file_name").asText()).isEqualTo("notes.txt");
        assertThat(file.get("size").asLong()).isEqualTo(39);
        assertThat(file.get("last_modified").asText()).endsWith("Z");

        Answer deleted = call("DELETE", "/v1/namespaces/docs/delete-file", "{\"fileNames\":[\"notes.txt\",\"other.pdf\"]}");
        assertThat(deleted.status()).isEqualTo(207);
        assertThat(deleted.get("results").get(0).get("status").asText()).isEqualTo("success");
        assertThat(deleted.get("results").get(1).get("status").asText()).isEqualTo("error");
        await("GET", "/v1/namespaces/docs/list-files", null, a -> a.get("file_count").asInt() == 0);
        await("POST", "/v1/search", "{\"namespaces\":[\"docs\"],\"query\":\"kangaroo pouch\"}",
                a -> !a.get("results").toString().contains("Kangaroos"));
        assertThat(call("DELETE", "/v1/namespaces/docs/delete-file?fileName=gone.txt", null).status()).isEqualTo(207);
        assertThat(call("POST", "/v1/namespaces/docs/upload-url", "{\"file_name\":\"tool.exe\"}").status()).isEqualTo(400);
    }

    @Test
    void answersTakeEitherCasingAndNameTheirContext() {
        call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        call("POST", "/v1/namespaces/docs/documents", "{\"documents\":[{\"id\":\"cat\",\"text\":\"Cats purr when they are content.\"}]}");
        await("POST", "/v1/namespaces/docs/documents/get", "{\"ids\":[\"cat\"]}", a -> a.get("items").size() == 1);
        Answer answer = call("POST", "/v1/answer", "{\"namespace\":\"docs\",\"query\":\"Why do cats purr?\",\"top_k\":5,"
                + "\"type\":\"text\",\"aiModel\":\"anthropic.claude-sonnet-4-20250514-v1:0\",\"chatHistory\":[],"
                + "\"temperature\":0.7}");
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.get("answer").asText()).contains("purr");
        assertThat(answer.get("model").asText()).isEqualTo("extractive");
        assertThat(answer.get("context_count").asInt()).isEqualTo(1);
        assertThat(answer.get("query").asText()).isEqualTo("Why do cats purr?");
        assertThat(answer.get("used_context").get(0).get("id").asText()).isEqualTo("cat");
        assertThat(call("POST", "/v1/answer", "{\"namespace\":\"nope\",\"query\":\"q\"}").status()).isEqualTo(404);

        Answer direct = call("POST", "/v1/answer", "{\"namespace\":\"\",\"query\":\"hello\"}");
        assertThat(direct.status()).isEqualTo(503);
        assertThat(direct.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void errorsHaveTheCloudsStatuses() {
        call("POST", "/v1/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        Answer unknown = call("POST", "/v1/search", "{\"namespaces\":[\"nope\"],\"query\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("status").asText()).isEqualTo("failure");
        assertThat(call("POST", "/v1/namespaces/nope/documents", "{\"documents\":[{\"id\":\"a\",\"text\":\"t\"}]}").status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/namespaces/nope/list-files", null).status()).isEqualTo(404);
        Answer spaced = call("POST", "/v1/namespaces/docs/documents", "{\"documents\":[{\"id\":\"a b\",\"text\":\"t\"}]}");
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.get("message").asText()).contains("white space");
        assertThat(call("POST", "/v1/namespaces/docs/documents", "{\"documents\":[{\"id\":\"a\",\"text\":\"  \"}]}").status())
                .isEqualTo(400);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"d").append(i).append("\",\"text\":\"t\"}");
        }
        assertThat(call("POST", "/v1/namespaces/docs/documents", "{\"documents\":" + many + "]}").status()).isEqualTo(400);

        Answer wrongKey = send("GET", "/v1/namespaces", null, "not-a-key");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(send("GET", "/v1/namespaces", null, null).status()).isEqualTo(401);
    }

    @Test
    void withoutAnyKeyConfiguredV1SaysHowToMakeOne(@TempDir Path other) {
        try (TestServer open = TestServer.start(other)) {
            base = "http://127.0.0.1:" + open.api().port();
            Answer refused = send("GET", "/v1/namespaces", null, "anything");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.get("message").asText()).contains("MOORCHEH_ADMIN_KEY").contains("/admin/keys");
            assertThat(open.api().get("/namespaces").status()).isEqualTo(200);
        }
    }

    private Answer call(String method, String path, String body) {
        return send(method, path, body, KEY);
    }

    private Answer send(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("x-api-key", key);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private Answer await(String method, String path, String body, Predicate<Answer> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Answer answer = call(method, path, body);
            if (answer.status() / 100 == 2 && done.test(answer)) {
                return answer;
            }
            seen.add(answer.status() + " " + answer.json());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("gave up on " + method + " " + path + "; last " + seen.get(seen.size() - 1));
    }
}
