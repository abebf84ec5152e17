package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.Seeds;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 18-26: the asynchronous namespace delete and its job. */
class NamespaceDeleteIT {

    private static final Pattern JOB_ID = Pattern.compile("job-[0-9a-f]{32}");
    private static final Pattern MILLIS_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @TempDir
    Path dir;

    @Test
    void deleteIsAJobThatRemovesEveryItemAndFreesTheQuota() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"doomed\",\"type\":\"vector\",\"vector_dimension\":4}");
            api.post("/namespaces", "{\"namespace_name\":\"kept\",\"type\":\"vector\",\"vector_dimension\":4}");
            server.restart(store -> {
                Seeds.vectors(store, "doomed", "v", 2_500);
                Seeds.vectors(store, "kept", "v", 10);
            });
            api = server.api();
            assertThat(api.get("/health").get("items").asLong()).isEqualTo(2_510);

            Api.Response started = api.delete("/namespaces/doomed");
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.get("status").asText()).isEqualTo("success");
            assertThat(started.get("namespace_name").asText()).isEqualTo("doomed");
            assertThat(started.message()).isNotBlank();
            String jobId = started.get("job_id").asText();
            assertThat(jobId).matches(JOB_ID);

            String jobPath = "/namespaces/doomed/delete-jobs/" + jobId;
            Api.Response done = api.awaitJob(jobPath);
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.json().fieldNames()).toIterable().containsExactly("job_id", "namespace_name",
                    "status", "total_items", "deleted_items", "last_error", "started_at", "updated_at", "finished_at");
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("total_items").asLong()).isEqualTo(2_500);
            assertThat(done.get("deleted_items").asLong()).isEqualTo(2_500);
            assertThat(done.get("last_error").isNull()).isTrue();
            assertThat(done.get("started_at").asText()).matches(MILLIS_UTC);
            assertThat(done.get("updated_at").asText()).matches(MILLIS_UTC);
            assertThat(done.get("finished_at").asText()).matches(MILLIS_UTC);

            assertThat(api.get("/health").get("items").asLong()).isEqualTo(10);
            assertThat(api.get("/namespaces").get("namespaces")).hasSize(1);
            // The record outlives its namespace, and the name is free again.
            assertThat(api.get(jobPath).get("status").asText()).isEqualTo("completed");
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"doomed\",\"type\":\"text\"}").status())
                    .isEqualTo(201);
            assertThat(api.get("/namespaces").get("namespaces").get(0).get("item_count").asLong()).isZero();
            assertThat(api.get(jobPath).get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void runningJobHasNoFinishTimeAndItsNamespaceIsGoneForEveryoneElse() {
        // One item per transaction makes the job slow enough to watch while it runs.
        try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_DELETE_BATCH_SIZE", "1"))) {
            Api api = server.api();
            api.post("/namespaces", "{\"namespace_name\":\"slow\",\"type\":\"vector\",\"vector_dimension\":4}");
            server.restart(store -> Seeds.vectors(store, "slow", "v", 3_000));
            api = server.api();

            String jobId = api.delete("/namespaces/slow").get("job_id").asText();
            Api.Response running = api.get("/namespaces/slow/delete-jobs/" + jobId);
            assertThat(running.get("status").asText()).isEqualTo("running");
            assertThat(running.get("finished_at").isNull()).isTrue();
            assertThat(running.get("deleted_items").asLong()).isLessThan(3_000);

            assertThat(api.get("/namespaces").get("namespaces")).isEmpty();
            Api.Response again = api.delete("/namespaces/slow");
            assertThat(again.status()).isEqualTo(409);
            Api.Response recreate = api.post("/namespaces", "{\"namespace_name\":\"slow\",\"type\":\"text\"}");
            assertThat(recreate.status()).isEqualTo(409);
            assertThat(recreate.message()).contains("being deleted");

            Api.Response done = api.awaitJob("/namespaces/slow/delete-jobs/" + jobId);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("deleted_items").asLong()).isEqualTo(done.get("total_items").asLong()).isEqualTo(3_000);
        }
    }

    @Test
    void unknownNamespaceAndUnknownJobAre404() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            Api.Response missing = api.delete("/namespaces/never-was");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.get("status").asText()).isEqualTo("failure");
            assertThat(missing.message()).contains("never-was");

            api.post("/namespaces", "{\"namespace_name\":\"a\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"b\",\"type\":\"text\"}");
            Api.Response unknownJob = api.get("/namespaces/a/delete-jobs/job-00000000000000000000000000000000");
            assertThat(unknownJob.status()).isEqualTo(404);
            assertThat(unknownJob.get("status").asText()).isEqualTo("failure");
            assertThat(unknownJob.message()).isNotBlank();

            String jobId = api.delete("/namespaces/a").get("job_id").asText();
            assertThat(api.get("/namespaces/b/delete-jobs/" + jobId).status()).isEqualTo(404);
            assertThat(api.get("/namespaces/a/delete-jobs/" + jobId).status()).isEqualTo(200);
        }
    }

    @Test
    void jobIdsAreUniqueUuidHex() {
        try (TestServer server = TestServer.start(dir)) {
            Api api = server.api();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                api.post("/namespaces", "{\"namespace_name\":\"n" + i + "\",\"type\":\"text\"}");
                String id = api.delete("/namespaces/n" + i).get("job_id").asText();
                assertThat(id).matches(JOB_ID);
                assertThat(id.charAt(4 + 12)).as("uuid4 version digit").isEqualTo('4');
                ids.add(id);
            }
            assertThat(ids).hasSize(20);
        }
    }
}
