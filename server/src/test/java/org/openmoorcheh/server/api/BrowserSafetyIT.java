package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RawHttp;
import org.openmoorcheh.server.testing.RunningServerTestBase;
import org.openmoorcheh.server.testing.TestServer;

/**
 * What a web page the user happens to open can do to a server on localhost (issue 12, fault 5):
 * blind cross-site requests (forms, text/plain, no type at all), DNS rebinding (a foreign Host),
 * and CORS, which stays off unless origins are listed.
 */
class BrowserSafetyIT extends RunningServerTestBase {

    private void seed() {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "[{\"id\":\"keep\",\"text\":\"precious\"}]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""})
    void aBodyThatAnyPageCouldSendIsNotTakenForJson(String type) {
        seed();
        Map<String, String> headers = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
        Api.Response refused = api.send("POST", "/namespaces/docs/items/delete",
                "{\"ids\":[\"keep\"]}".getBytes(StandardCharsets.UTF_8), headers);
        assertThat(refused.status()).as(refused.text()).isEqualTo(415);
        assertThat(refused.message()).contains("application/json");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(1);
    }

    @Test
    void jsonWithACharsetIsFine() {
        seed();
        Api.Response deleted = api.send("POST", "/namespaces/docs/items/delete",
                "{\"ids\":[\"keep\"]}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json; charset=utf-8"));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    }

    @Test
    void uploadsMustBeMultipart() {
        seed();
        Api.Response refused = api.post("/namespaces/docs/files/upload", "{}");
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.message()).contains("multipart/form-data");
    }

    @Test
    void aPageOfAnotherOriginCannotChangeData() {
        seed();
        Api.Response forged = api.post("/namespaces/docs/items/delete", "{\"ids\":[\"keep\"]}",
                Map.of("Origin", "http://evil.example"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.message()).contains("MOORCHEH_CORS_ORIGINS");
        Api.Response crossSiteForm = api.send("POST", "/namespaces/docs/files/upload", "--x--\r\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "multipart/form-data; boundary=x", "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSiteForm.status()).isEqualTo(403);
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(1);
        // Reading is not refused by origin (the browser keeps the answer from the page without CORS).
        assertThat(api.get("/namespaces", Map.of("Origin", "http://evil.example")).status()).isEqualTo(200);
    }

    @Test
    void theServersOwnOriginMayChangeData() {
        seed();
        Api.Response own = api.post("/namespaces/docs/items/delete", "{\"ids\":[\"keep\"]}",
                Map.of("Origin", "http://127.0.0.1:" + api.port()));
        assertThat(own.status()).as(own.text()).isEqualTo(200);
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() {
        RawHttp.Answer rebound = RawHttp.send(api.port(), "GET /namespaces HTTP/1.1\nHost: attacker.example:" + api.port(), null);
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("MOORCHEH_ALLOWED_HOSTS");
        for (String host : new String[] {"localhost", "127.0.0.1", "[::1]", "app.localhost"}) {
            RawHttp.Answer local = RawHttp.send(api.port(), "GET /namespaces HTTP/1.1\nHost: " + host + ":" + api.port(), null);
            assertThat(local.status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void allowedHostsAddNames(@TempDir Path other) {
        try (TestServer listed = TestServer.start(other, Map.of("MOORCHEH_ALLOWED_HOSTS", "search.internal"))) {
            int port = listed.api().port();
            assertThat(RawHttp.send(port, "GET /namespaces HTTP/1.1\nHost: search.internal:" + port, null).status())
                    .isEqualTo(200);
            assertThat(RawHttp.send(port, "GET /namespaces HTTP/1.1\nHost: other.internal", null).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void corsIsOffByDefault() {
        RawHttp.Answer preflight = preflight(api.port(), "http://app.example");
        assertThat(preflight.body()).doesNotContain("Access-Control-Allow-Origin");
        assertThat(preflightHeaders(api.port(), "http://app.example")).doesNotContainIgnoringCase("access-control-allow-origin");
    }

    @Test
    void listedOriginsGetCors(@TempDir Path other) {
        try (TestServer cors = TestServer.start(other, Map.of("MOORCHEH_CORS_ORIGINS", "http://app.example"))) {
            int port = cors.api().port();
            assertThat(preflightHeaders(port, "http://app.example"))
                    .containsIgnoringCase("access-control-allow-origin: http://app.example");
            assertThat(preflightHeaders(port, "http://evil.example")).doesNotContainIgnoringCase("access-control-allow-origin");
            Api.Response fromApp = cors.api().post("/namespaces", "{\"namespace_name\":\"x\",\"type\":\"text\"}",
                    Map.of("Origin", "http://app.example"));
            assertThat(fromApp.status()).isEqualTo(201);
        }
    }

    private static RawHttp.Answer preflight(int port, String origin) {
        return RawHttp.send(port, "OPTIONS /search HTTP/1.1\nHost: localhost\nOrigin: " + origin
                + "\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type", null);
    }

    /** The raw header block of a preflight answer. */
    private static String preflightHeaders(int port, String origin) {
        return RawHttp.head(port, "OPTIONS /search HTTP/1.1\nHost: localhost\nOrigin: " + origin
                + "\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type");
    }
}
