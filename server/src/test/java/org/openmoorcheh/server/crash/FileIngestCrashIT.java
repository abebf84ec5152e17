package org.openmoorcheh.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;
import org.openmoorcheh.server.testing.Documents;
import org.openmoorcheh.server.testing.RawDatabase;

/**
 * A file re-ingest killed by SIGKILL while its new version is being embedded leaves the old
 * version whole; after a restart the job finishes and the file holds exactly the new version.
 */
class FileIngestCrashIT {

    private static final Map<String, String> ENV = Map.of("MOORCHEH_CHUNK_SIZE", "120", "MOORCHEH_CHUNK_OVERLAP", "0");

    @TempDir
    Path dir;

    private static String version(String word, int paragraphs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < paragraphs; i++) {
            text.append(word).append(" paragraph ").append(i)
                    .append(" carries enough words to fill one small chunk of this file by itself.\n\n");
        }
        return text.toString();
    }

    private static List<JsonNode> fileItems(Api api) {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        do {
            Api.Response page = api.get("/namespaces/docs/documents/fetch-text-data?limit=100"
                    + (token == null ? "" : "&next_token=" + token));
            page.get("items").forEach(items::add);
            JsonNode next = page.get("pagination").path("next_token");
            token = next.isTextual() ? next.asText() : null;
        } while (token != null);
        return items;
    }

    @Test
    void reingestKilledMidwayKeepsTheOldVersionThenCompletesTheNew() throws Exception {
        Path file = dir.resolve("uploads/book.txt");
        Documents.text(file, version("Old", 40));
        String entry = "{\"files\":[{\"path\":\"/uploads/book.txt\",\"force_reindex\":true}]}";

        ChildServer first = ChildServer.start(dir, ENV);
        List<JsonNode> old;
        try {
            Api api = first.api();
            api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
            String firstJob = api.post("/namespaces/docs/files", entry).get("job_id").asText();
            assertThat(api.awaitJob("/namespaces/docs/file-jobs/" + firstJob).get("status").asText()).isEqualTo("completed");
            old = fileItems(api);
            assertThat(old).hasSize(41);

            Documents.text(file, version("New", 400));
            String jobId = api.post("/namespaces/docs/files", entry).get("job_id").asText();
            Api.Response midway = api.await("/namespaces/docs/file-jobs/" + jobId,
                    r -> r.get("chunks_processed").asLong() > 0, Duration.ofSeconds(60));
            assertThat(midway.get("status").asText()).isEqualTo("running");
            first.kill();

            Path database = dir.resolve("data/moorcheh.db");
            assertThat(RawDatabase.single(database, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(RawDatabase.single(database, "SELECT count(*) FROM items")).isEqualTo("41");
            assertThat(RawDatabase.single(database, "SELECT count(*) FROM items WHERE text LIKE 'Old %'")).isEqualTo("41");
            try (ChildServer second = ChildServer.start(dir, ENV)) {
                Api again = second.api();
                Api.Response done = again.awaitJob("/namespaces/docs/file-jobs/" + jobId);
                assertThat(done.get("status").asText()).isEqualTo("completed");
                assertThat(done.get("chunks_processed").asLong()).isEqualTo(done.get("chunks_total").asLong());
                List<JsonNode> fresh = fileItems(again);
                assertThat(fresh).hasSize(400 + 4);
                assertThat(fresh).noneMatch(item -> item.path("text").asText().startsWith("Old "));
                assertThat(again.get("/namespaces/docs/files").get("files").get(0).path("chunk_count").asInt())
                        .isEqualTo(400);
            }
        } finally {
            first.close();
        }
    }
}
