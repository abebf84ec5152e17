package org.openmoorcheh.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;

/**
 * A fresh process (no model loaded yet): {@code /ready} turns 200 only once the embedding model has
 * been loaded and run and the search code has run once, so the first text query after it (the
 * default hybrid mode, over items just uploaded) finds both warm. The query's server-side time is
 * printed, not asserted (machines are noisy; bench figures are in docs/BENCHMARKS.md).
 */
class WarmStartIT {

    @TempDir
    Path dir;

    @Test
    void readyWaitsForTheModelAndTheFirstTextQueryFindsItWarm() {
        try (ChildServer server = ChildServer.start(dir, Map.of())) {
            Api api = server.api();
            Api.Response ready = api.await("/ready", response -> response.status() == 200, Duration.ofSeconds(60));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(server.logTail()).as("warmed before ready").contains("embedding model all-minilm-l6-v2 warmed up in")
                    .contains("search code warmed up in");

            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            api.uploadAndWait("docs", "documents", "[{\"id\":\"a\",\"text\":\"Bread rises in a warm oven.\"},"
                    + "{\"id\":\"b\",\"text\":\"Bone fractures heal faster with vitamin D.\"}]");
            JsonNode hits = api.post("/search", "{\"query\":\"warm bread\",\"namespaces\":[\"docs\"]}").json();
            System.out.println("first text query after /ready, server-side timings: " + hits.get("timings"));
            assertThat(hits.get("results").get(0).get("id").asText()).isEqualTo("a");
        }
    }
}
