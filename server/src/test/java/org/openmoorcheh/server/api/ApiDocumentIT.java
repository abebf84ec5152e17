package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ApiContract;
import org.openmoorcheh.server.testing.TestServer;

/**
 * {@code GET /openapi.json} names every route the server answers, and nothing else; it is served
 * to anyone, keys or not, as is {@code GET /docs}, whose page runs under a policy that allows this
 * server's scripts only.
 */
class ApiDocumentIT {

    @TempDir
    Path dir;

    @Test
    void theDocumentListsEveryRouteAndNoOther() {
        try (TestServer server = TestServer.start(dir)) {
            TreeSet<String> routes = new TreeSet<>(server.routes());
            TreeSet<String> documented = new TreeSet<>(ApiContract.get().documentedRoutes());
            TreeSet<String> undocumented = new TreeSet<>(routes);
            undocumented.removeAll(documented);
            TreeSet<String> extra = new TreeSet<>(documented);
            extra.removeAll(routes);
            assertThat(undocumented).as("routes the document lacks").isEmpty();
            assertThat(extra).as("documented routes the server lacks").isEmpty();
            assertThat(routes).hasSizeGreaterThan(40);

            Api.Response served = server.api().get("/openapi.json");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(served.get("info").get("version").asText()).isNotEqualTo("${version}").isNotBlank();
            assertThat(served.get("paths").size()).isEqualTo(ApiContract.get().documentedRoutes().stream()
                    .map(route -> route.substring(route.indexOf(' ') + 1)).distinct().count());
            assertThat(served.get("components").get("securitySchemes").has("apiKey")).isTrue();
        }
    }

    @Test
    void theDocumentAndTheDocsPageAreServedWithoutAKey() {
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_ADMIN_KEY", "an-admin-key-of-enough-length-1"))) {
            Api api = server.api();
            assertThat(api.get("/namespaces").status()).isEqualTo(401);
            assertThat(api.get("/openapi.json").status()).isEqualTo(200);
            Api.Response page = api.get("/docs");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("/docs/ui/swagger-ui-bundle.js").contains("/docs/app/start.js")
                    .doesNotContain("<script>").doesNotContain("https://");
            String head = org.openmoorcheh.server.testing.RawHttp.head(api.port(), "GET /docs HTTP/1.1\nHost: localhost");
            assertThat(head).containsIgnoringCase("Content-Security-Policy: default-src 'self'")
                    .doesNotContain("script-src").doesNotContain("unsafe-eval");
            for (String asset : List.of("/docs/ui/swagger-ui-bundle.js", "/docs/ui/swagger-ui.css", "/docs/app/start.js")) {
                assertThat(api.get(asset).status()).as(asset).isEqualTo(200);
            }
        }
    }
}
