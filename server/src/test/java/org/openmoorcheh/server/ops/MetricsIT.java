package org.openmoorcheh.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;

/** {@code GET /metrics} and {@code GET /ready} (issue 12, item 8): the counters move with the requests made. */
class MetricsIT extends RunningServerTestBase {

    @Test
    void countersMoveWithTheRequestsMade() {
        String before = scrape();
        double searches = value(before, "moorcheh_http_requests_seconds_count", "route=\"/search\"", "status=\"200\"");

        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "[{\"id\":\"a\",\"text\":\"cats purr\"},{\"id\":\"b\",\"text\":\"dogs bark\"}]");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/search", "{\"query\":\"cats\",\"namespaces\":[\"docs\"]}").status()).isEqualTo(200);
        }
        api.post("/search", "{\"query\":\"cats\",\"namespaces\":[\"nope\"]}");

        // A request is counted when its log line is written, just after its answer: wait for the last one.
        String after = scrape();
        for (int tries = 0; tries < 100 && value(after, "moorcheh_http_requests_seconds_count",
                "route=\"/search\"", "status=\"400\"") == 0; tries++) {
            sleep();
            after = scrape();
        }
        assertThat(value(after, "moorcheh_http_requests_seconds_count", "route=\"/search\"", "status=\"200\""))
                .isEqualTo(searches + 3);
        assertThat(value(after, "moorcheh_http_requests_seconds_count", "route=\"/search\"", "status=\"400\""))
                .isEqualTo(1);
        assertThat(value(after, "moorcheh_http_requests_seconds_count",
                "route=\"/namespaces/{namespace_name}/documents\"", "status=\"202\"")).isEqualTo(1);
        assertThat(after).contains("moorcheh_http_requests_seconds_bucket");
        assertThat(value(after, "moorcheh_jobs_seconds_count", "kind=\"upload\"", "state=\"completed\"")).isEqualTo(1);
        assertThat(value(after, "moorcheh_items_stored_total")).isEqualTo(2);
        assertThat(value(after, "moorcheh_items")).isEqualTo(2);
        assertThat(value(after, "moorcheh_items_max")).isEqualTo(100_000);
        assertThat(value(after, "moorcheh_namespace_items", "namespace=\"docs\"")).isEqualTo(2);
        assertThat(value(after, "moorcheh_provider_calls_seconds_count", "kind=\"embedding\"", "outcome=\"success\""))
                .isGreaterThanOrEqualTo(4);
        assertThat(value(after, "moorcheh_index_bytes", "part=\"codes_heap\"")).isPositive();
        assertThat(value(after, "moorcheh_index_bytes", "part=\"vectors_off_heap\"")).isPositive();
        assertThat(after).contains("jvm_memory_used_bytes").contains("moorcheh_http_threads_busy")
                .contains("moorcheh_jobs_running");
    }

    @Test
    void readyAnswersOnceServing() {
        // 503 while the local embedding model warms up (a second or two, once per JVM), then 200.
        Api.Response ready = api.get("/ready");
        for (int tries = 0; ready.status() == 503 && tries < 3_000; tries++) {
            assertThat(ready.get("message").asText()).contains("starting");
            sleep();
            ready = api.get("/ready");
        }
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.get("status").asText()).isEqualTo("ready");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String scrape() {
        Api.Response metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.text();
    }

    /** The value of the first sample of {@code name} whose labels contain every part; 0 when none. */
    private static double value(String scrape, String name, String... labelParts) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{.*})?\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (String part : labelParts) {
                all &= labels.contains(part);
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}
