package org.openmoorcheh.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;

/**
 * Overload by big jobs (issue 26, item 3): large text uploads in one namespace, then a
 * one-document upload in another. Jobs run one at a time, but an upload yields its turn every
 * 2 s and the next claim prefers another namespace's first job, so the small upload completes
 * while the big ones are still running, instead of waiting for all of them. The wait is printed.
 */
class FairnessFaultIT {

    @TempDir
    Path dir;

    @Test
    void aOneDocumentUploadIsNotStarvedByBigUploadsOfAnotherNamespace() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"big\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"small\",\"type\":\"text\"}");
            List<String> bigJobs = new ArrayList<>();
            for (int job = 0; job < 3; job++) {
                StringBuilder documents = new StringBuilder("{\"documents\":[");
                for (int i = 0; i < 300; i++) {
                    documents.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(job).append('-').append(i)
                            .append("\",\"text\":\"").append(("paragraph " + i + " of a long report on tides, ")
                                    .repeat(8)).append("\"}");
                }
                Api.Response accepted = api.post("/namespaces/big/documents", documents.append("]}").toString());
                assertThat(accepted.status()).isEqualTo(202);
                bigJobs.add(accepted.get("job_id").asText());
            }
            // Jobs waiting for a worker say so: the last big upload has two of its namespace ahead.
            assertThat(api.get("/namespaces/big/upload-jobs/" + bigJobs.get(2)).get("queue_position").asLong())
                    .isBetween(1L, 2L);
            long submitted = System.nanoTime();
            Api.Response small = api.post("/namespaces/small/documents",
                    "{\"documents\":[{\"id\":\"one\",\"text\":\"a single short note\"}]}");
            assertThat(small.status()).isEqualTo(202);
            JsonNode done = api.await("/namespaces/small/upload-jobs/" + small.get("job_id").asText(),
                    job -> !"running".equals(job.get("status").asText()), Duration.ofSeconds(120)).json();
            long waited = (System.nanoTime() - submitted) / 1_000_000;
            long bigStillRunning = bigJobs.stream().filter(id -> "running".equals(
                    api.get("/namespaces/big/upload-jobs/" + id).get("status").asText())).count();
            System.out.printf("one-document upload completed %d ms after its 202, with %d of 3 big uploads"
                    + " (300 documents each) still running%n", waited, bigStillRunning);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("queue_position").asLong()).as("a finished job waits for nothing").isZero();
            assertThat(bigStillRunning).as("it did not wait for the big uploads").isGreaterThan(0);
        }
    }
}
