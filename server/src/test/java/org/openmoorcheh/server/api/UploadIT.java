package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 5, 27-44: asynchronous uploads of documents and vectors, and their jobs. */
class UploadIT extends RunningServerTestBase {

    private static final Pattern MILLIS_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @BeforeEach
    void createNamespaces() {
        api.post("/namespaces", "{\"namespace_name\":\"my-documents\",\"type\":\"text\"}");
        api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}");
    }

    /** Exactly what the README of the Python client does, polling every 0.5 s. */
    @Test
    void documentedPythonClientFlow() throws Exception {
        Api.Response started = api.post("/namespaces/my-documents/documents",
                "{\"documents\":[{\"id\":\"doc-1\",\"text\":\"Hello\"}]}");
        assertThat(started.status()).isEqualTo(202);
        String jobId = started.get("job_id").asText();
        Api.Response job;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            Thread.sleep(500);
            job = api.get("/namespaces/my-documents/upload-jobs/" + jobId);
            assertThat(job.status()).isEqualTo(200);
        } while (!job.get("status").asText().equals("completed") && System.nanoTime() < deadline);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("successful").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isZero();
        assertThat(job.get("last_error").isNull()).isTrue();
        assertThat(job.get("finished_at").asText()).matches(MILLIS_UTC);

        Api.Response found = api.post("/namespaces/my-documents/items/get", "{\"ids\":[\"doc-1\"]}");
        assertThat(found.get("items").get(0).get("text").asText()).isEqualTo("Hello");
    }

    @Test
    void documentUploadAnswers202WithTheDocumentedBody() {
        Api.Response started = api.post("/namespaces/my-documents/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"one\"},{\"id\":\"b\",\"text\":\"two\"}]}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().fieldNames()).toIterable()
                .containsExactly("status", "message", "job_id", "namespace_name", "total");
        assertThat(started.get("status").asText()).isEqualTo("success");
        assertThat(started.message()).isEqualTo("Documents upload started. Poll job status for progress.");
        assertThat(started.get("job_id").asText()).matches("job-[0-9a-f]{32}");
        assertThat(started.get("namespace_name").asText()).isEqualTo("my-documents");
        assertThat(started.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void uploadJobHasExactlyTheDocumentedFieldsAndConsistentCounters() {
        String jobId = api.post("/namespaces/my-documents/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"one\"},{\"id\":\"b\",\"text\":\"two\"}]}")
                .get("job_id").asText();
        Api.Response first = api.get("/namespaces/my-documents/upload-jobs/" + jobId);
        assertThat(first.json().fieldNames()).toIterable().containsExactly("job_id", "namespace_name", "status",
                "total", "processed", "successful", "failed", "last_error", "started_at", "updated_at",
                "finished_at", "queue_position");
        if (first.get("status").asText().equals("running")) {
            assertThat(first.get("finished_at").isNull()).isTrue();
        }
        Api.Response done = api.awaitJob("/namespaces/my-documents/upload-jobs/" + jobId);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("processed").asInt()).isEqualTo(done.get("total").asInt()).isEqualTo(2);
        assertThat(done.get("successful").asInt() + done.get("failed").asInt()).isEqualTo(2);
        for (String field : new String[] {"started_at", "updated_at", "finished_at"}) {
            assertThat(done.get(field).asText()).as(field).matches(MILLIS_UTC);
        }
    }

    @Test
    void vectorUploadAnswers202AndStoresMetadataNotTheVector() {
        Api.Response started = api.post("/namespaces/vecs/vectors",
                "{\"vectors\":[{\"id\":\"v1\",\"vector\":[0.1,0.2,0.3],\"color\":\"red\",\"n\":2}]}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.message()).isEqualTo("Vectors upload started. Poll job status for progress.");
        assertThat(started.get("total").asInt()).isEqualTo(1);
        api.awaitJob("/namespaces/vecs/upload-jobs/" + started.get("job_id").asText());

        Api.Response found = api.post("/namespaces/vecs/items/get", "{\"ids\":[\"v1\"]}");
        JsonNode item = found.get("items").get(0);
        assertThat(item.fieldNames()).toIterable().containsExactly("id", "metadata");
        assertThat(item.get("metadata").get("color").asText()).isEqualTo("red");
        assertThat(item.get("metadata").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void extraKeysBecomeMetadataAndANestedMetadataObjectIsMerged() {
        api.uploadAndWait("my-documents", "documents", "[{\"id\":\"d\",\"text\":\"t\",\"team\":\"ai\","
                + "\"metadata\":{\"team\":\"nested\",\"lang\":\"en\"}}]");
        JsonNode item = api.post("/namespaces/my-documents/items/get", "{\"ids\":[\"d\"]}").get("items").get(0);
        assertThat(item.fieldNames()).toIterable().containsExactly("id", "metadata", "text");
        assertThat(item.get("metadata").get("team").asText()).isEqualTo("ai");
        assertThat(item.get("metadata").get("lang").asText()).isEqualTo("en");
        assertThat(item.has("team")).isFalse();
    }

    @Test
    void reuploadUpdatesWithoutCostingQuotaAndTheLastOfARepeatedIdWins() {
        api.uploadAndWait("my-documents", "documents", "[{\"id\":\"x\",\"text\":\"first\",\"v\":1}]");
        assertThat(items()).isEqualTo(1);
        api.uploadAndWait("my-documents", "documents",
                "[{\"id\":\"x\",\"text\":\"second\",\"v\":2},{\"id\":\"x\",\"text\":\"third\",\"v\":3}]");
        assertThat(items()).isEqualTo(1);
        JsonNode item = api.post("/namespaces/my-documents/items/get", "{\"ids\":[\"x\"]}").get("items").get(0);
        assertThat(item.get("text").asText()).isEqualTo("third");
        assertThat(item.get("metadata").get("v").asInt()).isEqualTo(3);
    }

    @Test
    void healthItemsGrowByNewIdsAcrossNamespaces() {
        api.uploadAndWait("my-documents", "documents", "[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\",\"text\":\"y\"}]");
        api.uploadAndWait("vecs", "vectors", "[{\"id\":\"a\",\"vector\":[1,2,3]}]");
        Api.Response health = api.get("/health");
        assertThat(health.get("items").asLong()).isEqualTo(3);
        assertThat(health.get("remaining").asLong()).isEqualTo(health.get("max_items").asLong() - 3);
    }

    @Test
    void sameIdInTwoNamespacesIsTwoItems() {
        api.post("/namespaces", "{\"namespace_name\":\"other\",\"type\":\"vector\",\"vector_dimension\":3}");
        api.uploadAndWait("vecs", "vectors", "[{\"id\":\"same\",\"vector\":[1,2,3]}]");
        api.uploadAndWait("other", "vectors", "[{\"id\":\"same\",\"vector\":[3,2,1]}]");
        assertThat(items()).isEqualTo(2);
        api.post("/namespaces/vecs/items/delete", "{\"ids\":[\"same\"]}");
        assertThat(api.post("/namespaces/other/items/get", "{\"ids\":[\"same\"]}").get("found_items").asInt())
                .isEqualTo(1);
        assertThat(api.post("/namespaces/vecs/items/get", "{\"ids\":[\"same\"]}").get("found_items").asInt())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"documents\":[]}", "{}", "{\"documents\":{}}", "{\"documents\":[\"text\"]}",
        "{\"documents\":[{\"text\":\"no id\"}]}", "{\"documents\":[{\"id\":\"no-text\"}]}",
        "{\"documents\":[{\"id\":7,\"text\":\"numeric id\"}]}", "{\"documents\":[{\"id\":\"\",\"text\":\"x\"}]}",
        "{\"documents\":[{\"id\":\"a\",\"text\":42}]}", "{\"documents\":[{\"id\":\"a\",\"text\":\"  \"}]}",
        "{\"documents\":[{\"id\":\"ok\",\"text\":\"fine\"},{\"id\":\"bad\"}]}",
    })
    void invalidDocumentUploadsAre400AndStoreNothing(String body) {
        Api.Response refused = api.post("/namespaces/my-documents/documents", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.get("status").asText()).isEqualTo("failure");
        assertThat(refused.message()).isNotBlank();
        assertThat(api.post("/namespaces/my-documents/items/get", "{\"ids\":[\"ok\"]}").get("found_items").asInt())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"vectors\":[]}", "{\"vectors\":[{\"vector\":[1,2,3]}]}", "{\"vectors\":[{\"id\":\"a\"}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,2]}]}", "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,2,3,4]}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[]}]}", "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,NaN,3]}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,Infinity,3]}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,-Infinity,3]}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,1e300,3]}]}",
        "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,\"2\",3]}]}", "{\"vectors\":[{\"id\":\"a\",\"vector\":\"1,2,3\"}]}",
        "{\"vectors\":[{\"id\":[\"a\"],\"vector\":[1,2,3]}]}",
    })
    void invalidVectorUploadsAre400AndStoreNothing(String body) {
        Api.Response refused = api.post("/namespaces/vecs/vectors", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.message()).isNotBlank();
        assertThat(items()).isZero();
    }

    @Test
    void wrongNamespaceTypeIs400AndUnknownNamespaceIs404() {
        Api.Response docsToVectors = api.post("/namespaces/vecs/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}]}");
        assertThat(docsToVectors.status()).isEqualTo(400);
        assertThat(docsToVectors.message()).contains("vector namespace");
        Api.Response vectorsToText = api.post("/namespaces/my-documents/vectors",
                "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,2,3]}]}");
        assertThat(vectorsToText.status()).isEqualTo(400);
        assertThat(vectorsToText.message()).contains("text namespace");
        Api.Response missing = api.post("/namespaces/nope/documents", "{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}]}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.get("status").asText()).isEqualTo("failure");
        assertThat(api.post("/namespaces/nope/vectors", "{\"vectors\":[{\"id\":\"a\",\"vector\":[1]}]}").status())
                .isEqualTo(404);
    }

    @Test
    void jobsAreScopedToTheirNamespace() {
        api.post("/namespaces", "{\"namespace_name\":\"other\",\"type\":\"text\"}");
        String jobId = api.post("/namespaces/my-documents/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"x\"}]}").get("job_id").asText();
        Api.Response foreign = api.get("/namespaces/other/upload-jobs/" + jobId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.message()).isNotBlank();
        Api.Response unknown = api.get("/namespaces/my-documents/upload-jobs/job-0123456789abcdef0123456789abcdef");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("status").asText()).isEqualTo("failure");
        assertThat(unknown.message()).contains("job-0123456789abcdef0123456789abcdef");
        // A namespace delete job is not an upload job either.
        String deleteJob = api.delete("/namespaces/other").get("job_id").asText();
        assertThat(api.get("/namespaces/other/upload-jobs/" + deleteJob).status()).isEqualTo(404);
    }

    @Test
    void jobRecordsOutliveTheirNamespace() {
        String jobId = api.uploadAndWait("vecs", "vectors", "[{\"id\":\"a\",\"vector\":[1,2,3]}]");
        String deleteJob = api.delete("/namespaces/vecs").get("job_id").asText();
        api.awaitJob("/namespaces/vecs/delete-jobs/" + deleteJob);
        Api.Response record = api.get("/namespaces/vecs/upload-jobs/" + jobId);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void uploadsSurviveARestart() {
        api.uploadAndWait("my-documents", "documents", "[{\"id\":\"kept\",\"text\":\"still here\",\"k\":1}]");
        server.restart();
        api = server.api();
        JsonNode item = api.post("/namespaces/my-documents/items/get", "{\"ids\":[\"kept\"]}").get("items").get(0);
        assertThat(item.get("text").asText()).isEqualTo("still here");
        assertThat(item.get("metadata").get("k").asInt()).isEqualTo(1);
        assertThat(items()).isEqualTo(1);
    }

    private long items() {
        return api.get("/health").get("items").asLong();
    }
}
