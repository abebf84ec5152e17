package org.openmoorcheh.bench;

import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.openmoorcheh.server.api.Access;
import org.openmoorcheh.server.api.AccessGuard;
import org.openmoorcheh.server.api.HttpApp;
import org.openmoorcheh.server.api.Jsons;
import org.openmoorcheh.server.api.RequestBodies;
import org.openmoorcheh.server.api.SearchRequest;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.server.ops.Metrics;
import org.openmoorcheh.server.service.ApiKeyService;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * The ceiling of {@code POST /search} on this machine: the server's own HTTP application
 * ({@link HttpApp}: the same Javalin and Jetty settings, admission filter, guards, request log and
 * metrics, the same JSON mapper) with one route, {@code POST /search}, whose handler reads and
 * validates the body as the real one does and answers a fixed answer of the real size without
 * searching. What the server spends beyond it is search, hit data and the answer's own objects.
 * Bench-only: nothing of it ships in the server.
 */
final class StackCeiling implements AutoCloseable {

    private final Path dir;
    private final SqliteStore store;
    private final Javalin http;

    /** @param answer the body every search answers: a real answer of the server, so the size matches */
    StackCeiling(JsonNode answer) throws IOException {
        dir = Files.createTempDirectory("moorcheh-ceiling");
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("SERVER_PORT", "0",
                "MOORCHEH_DATA_DIR", dir.resolve("data").toString()), dir);
        Files.createDirectories(dir.resolve("data"));
        store = SqliteStore.open(dir.resolve("data/ceiling.db"));
        ObjectMapper mapper = Jsons.newMapper();
        RequestBodies bodies = new RequestBodies(mapper, config.limits().maxRequestBytes());
        AccessGuard guard = new AccessGuard(config.security(), config.http().host(),
                new ApiKeyService(store.apiKeys(), Clock.systemUTC(), ""));
        http = HttpApp.create(() -> post("/search", ctx -> {
            SearchRequest.from(bodies.object(ctx), mapper);
            ctx.json(answer);
        }, Access.Role.READ, Access.Body.JSON), mapper, config.limits(), config.security(), guard,
                new Metrics(store, config.limits().maxItems()));
        http.start(config.http().host(), 0);
    }

    String url() {
        return "http://127.0.0.1:" + http.port();
    }

    @Override
    public void close() throws IOException {
        http.stop();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
