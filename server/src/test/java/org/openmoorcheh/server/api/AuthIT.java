package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/**
 * API keys (issue 12, item 7): every route against no key, each role and a revoked key; keys made,
 * listed without secrets, revoked at once, kept across a restart; the open-address start rule.
 */
class AuthIT {

    private static final String ADMIN = "admin-key-from-the-environment-0123";

    /** One route: how to call it and the least role that may. */
    record Route(String method, String path, String body, String contentType, String role) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String BOUNDARY = "b0undary";
    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/metrics", null, null, "read"),
            new Route("POST", "/search", "{\"query\":\"cats\",\"namespaces\":[\"docs\"]}", "application/json", "read"),
            new Route("POST", "/answer", "{\"query\":\"cats?\",\"namespace\":\"docs\"}", "application/json", "read"),
            new Route("POST", "/admin/keys", "{\"name\":\"x\",\"role\":\"read\"}", "application/json", "admin"),
            new Route("GET", "/admin/keys", null, null, "admin"),
            new Route("DELETE", "/admin/keys/nope", null, null, "admin"),
            new Route("GET", "/admin/backup", null, null, "admin"),
            new Route("POST", "/namespaces", "{\"namespace_name\":\"n%d\",\"type\":\"text\"}", "application/json", "admin"),
            new Route("GET", "/namespaces", null, null, "read"),
            new Route("DELETE", "/namespaces/gone", null, null, "admin"),
            new Route("GET", "/namespaces/docs/delete-jobs/job-x", null, null, "read"),
            new Route("POST", "/namespaces/docs/documents", "{\"documents\":[{\"id\":\"d%d\",\"text\":\"cats\"}]}",
                    "application/json", "write"),
            new Route("POST", "/namespaces/vecs/vectors", "{\"vectors\":[{\"id\":\"v%d\",\"vector\":[1,2,3]}]}",
                    "application/json", "write"),
            new Route("GET", "/namespaces/docs/upload-jobs/job-x", null, null, "read"),
            new Route("POST", "/namespaces/docs/items/get", "{\"ids\":[\"d1\"]}", "application/json", "read"),
            new Route("POST", "/namespaces/docs/items/delete", "{\"ids\":[\"zzz\"]}", "application/json", "write"),
            new Route("GET", "/namespaces/docs/documents/fetch-text-data", null, null, "read"),
            new Route("POST", "/namespaces/docs/files", "{\"files\":[{\"path\":\"/uploads/none.txt\"}]}",
                    "application/json", "write"),
            new Route("GET", "/namespaces/docs/files", null, null, "read"),
            new Route("POST", "/namespaces/docs/files/upload", "--" + BOUNDARY
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%d.txt\"\r\n\r\nhello\r\n--"
                    + BOUNDARY + "--\r\n", "multipart/form-data; boundary=" + BOUNDARY, "write"),
            new Route("POST", "/namespaces/docs/files/delete", "{\"file_id\":\"nope\"}", "application/json", "write"),
            new Route("GET", "/namespaces/docs/files/nope", null, null, "read"),
            new Route("GET", "/namespaces/docs/file-jobs/job-x", null, null, "read"),
            new Route("POST", "/v1/namespaces", "{\"namespace_name\":\"c%d\",\"type\":\"text\"}", "application/json", "admin"),
            new Route("GET", "/v1/namespaces", null, null, "read"),
            new Route("DELETE", "/v1/namespaces/gone", null, null, "admin"),
            new Route("POST", "/v1/search", "{\"query\":\"cats\",\"namespaces\":[\"docs\"]}", "application/json", "read"),
            new Route("POST", "/v1/answer", "{\"query\":\"cats?\",\"namespace\":\"docs\"}", "application/json", "read"),
            new Route("POST", "/v1/namespaces/docs/documents", "{\"documents\":[{\"id\":\"c%d\",\"text\":\"cats\"}]}",
                    "application/json", "write"),
            new Route("POST", "/v1/namespaces/docs/documents/get", "{\"ids\":[\"d1\"]}", "application/json", "read"),
            new Route("POST", "/v1/namespaces/docs/documents/delete", "{\"ids\":[\"zzz\"]}", "application/json", "write"),
            new Route("GET", "/v1/namespaces/docs/documents/fetch-text-data", null, null, "read"),
            new Route("POST", "/v1/namespaces/vecs/vectors", "{\"vectors\":[{\"id\":\"c%d\",\"vector\":[1,2,3]}]}",
                    "application/json", "write"),
            new Route("POST", "/v1/namespaces/vecs/vectors/delete", "{\"ids\":[\"zzz\"]}", "application/json", "write"),
            new Route("POST", "/v1/namespaces/docs/upload-url", "{\"file_name\":\"a.txt\"}", "application/json", "write"),
            new Route("PUT", "/v1/uploads/unknown-token", "hello", "text/plain", "write"),
            new Route("GET", "/v1/namespaces/docs/list-files", null, null, "read"),
            new Route("DELETE", "/v1/namespaces/docs/delete-file?fileName=none.txt", null, null, "write"));
    private static final List<String> ROLES = List.of("read", "write", "admin");

    @TempDir
    Path dir;
    private TestServer server;
    private Api api;
    private int counter;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, Map.of("MOORCHEH_ADMIN_KEY", ADMIN));
        api = server.api();
        assertThat(call("POST", "/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}", "application/json",
                ADMIN).status()).isEqualTo(201);
        assertThat(call("POST", "/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}",
                "application/json", ADMIN).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRouteAnswersEachKindOfCallerAsItsRoleSays() {
        Map<String, String> keys = new HashMap<>();
        for (String role : ROLES) {
            keys.put(role, createKey("k-" + role, role));
        }
        String revoked = createKey("revoked", "admin");
        String revokedId = idOf(revoked);
        assertThat(call("DELETE", "/admin/keys/" + revokedId, null, null, ADMIN).status()).isEqualTo(200);

        List<String> wrong = new ArrayList<>();
        for (Route route : ROUTES) {
            expect(wrong, route, "no key", null, 401);
            expect(wrong, route, "revoked key", revoked, 401);
            expect(wrong, route, "unknown key", "mk_0000000000000000_nothing", 401);
            for (String role : ROLES) {
                boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(route.role());
                expect(wrong, route, role, keys.get(role), allowed ? 0 : 403);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void healthAndReadyNeedNoKey() {
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/ready").status()).as("200, or 503 while the model warms up").isIn(200, 503);
        assertThat(api.get("/namespaces").status()).isEqualTo(401);
    }

    @Test
    void bearerTokensWorkLikeTheHeader() {
        String read = createKey("bearer", "read");
        assertThat(api.get("/namespaces", Map.of("Authorization", "Bearer " + read)).status()).isEqualTo(200);
        assertThat(api.get("/namespaces", Map.of("Authorization", "Bearer nope")).status()).isEqualTo(401);
    }

    @Test
    void keysAreListedWithoutSecretsAndRevokedAtOnce() {
        String write = createKey("ingest bot", "write");
        assertThat(api.post("/namespaces/docs/items/get", "{\"ids\":[\"a\"]}", Map.of("x-api-key", write)).status())
                .isEqualTo(200);

        Api.Response listed = call("GET", "/admin/keys", null, null, ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode key = listed.get("keys").get(0);
        assertThat(key.get("name").asText()).isEqualTo("ingest bot");
        assertThat(key.get("role").asText()).isEqualTo("write");
        assertThat(key.get("created_at").asText()).endsWith("Z");
        assertThat(key.get("last_used_at").isNull()).isFalse();
        assertThat(listed.text()).doesNotContain(write.substring(write.lastIndexOf('_') + 1));
        assertThat(key.has("key")).isFalse();

        assertThat(call("DELETE", "/admin/keys/" + key.get("id").asText(), null, null, ADMIN).status()).isEqualTo(200);
        assertThat(api.post("/namespaces/docs/items/get", "{\"ids\":[\"a\"]}", Map.of("x-api-key", write)).status())
                .isEqualTo(401);
        assertThat(call("DELETE", "/admin/keys/" + key.get("id").asText(), null, null, ADMIN).status()).isEqualTo(404);
    }

    @Test
    void keysSurviveARestartAndTurnAuthOnWithoutTheEnvironmentKey() {
        String read = createKey("reader", "read");
        server.close();
        server = TestServer.start(dir, Map.of());
        api = server.api();
        assertThat(api.get("/namespaces").status()).isEqualTo(401);
        assertThat(api.get("/namespaces", Map.of("x-api-key", read)).status()).isEqualTo(200);
    }

    @Test
    void badKeyRequestsAre400() {
        assertThat(call("POST", "/admin/keys", "{\"name\":\"x\",\"role\":\"root\"}", "application/json", ADMIN).status())
                .isEqualTo(400);
        assertThat(call("POST", "/admin/keys", "{\"role\":\"read\"}", "application/json", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void anOpenAddressWithoutKeysRefusesToStartUnlessToldOtherwise(@TempDir Path other) {
        assertThatThrownBy(() -> TestServer.start(other, Map.of("SERVER_HOST", "0.0.0.0")))
                .hasMessageContaining("MOORCHEH_ADMIN_KEY").hasMessageContaining("MOORCHEH_ALLOW_UNAUTHENTICATED");
        TestServer.start(other, Map.of("SERVER_HOST", "0.0.0.0", "MOORCHEH_ALLOW_UNAUTHENTICATED", "true")).close();
        TestServer.start(other, Map.of("SERVER_HOST", "0.0.0.0", "MOORCHEH_ADMIN_KEY", ADMIN)).close();
    }

    private void expect(List<String> wrong, Route route, String who, String key, int status) {
        Api.Response answer = call(route, key);
        boolean ok = status == 0 ? answer.status() != 401 && answer.status() != 403 && answer.status() < 500
                : answer.status() == status;
        if (!ok) {
            wrong.add(route + " as " + who + ": " + answer.status() + " " + answer.text());
        }
        if (status == 401 || status == 403) {
            assertThat(answer.json()).as(route + " " + who).isNotNull();
            assertThat(answer.message()).as(route + " " + who).isNotBlank();
        }
    }

    private Api.Response call(Route route, String key) {
        String body = route.body() == null ? null : route.body().replace("%d", Integer.toString(++counter));
        return call(route.method(), route.path(), body, route.contentType(), key);
    }

    private Api.Response call(String method, String path, String body, String contentType, String key) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (key != null) {
            headers.put("x-api-key", key);
        }
        return api.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private String createKey(String name, String role) {
        Api.Response created = call("POST", "/admin/keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}",
                "application/json", ADMIN);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("role").asText()).isEqualTo(role);
        assertThat(Stream.of("id", "name", "role", "key").allMatch(created.json()::has)).isTrue();
        return created.get("key").asText();
    }

    private static String idOf(String key) {
        return key.substring(3, key.indexOf('_', 3));
    }
}
