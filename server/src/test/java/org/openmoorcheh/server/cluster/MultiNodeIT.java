package org.openmoorcheh.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;
import org.openmoorcheh.server.testing.DistinctVectors;
import org.openmoorcheh.store.postgres.PostgresServer;

/**
 * Two server processes on one PostgreSQL database (a real server the test starts), each a node of
 * a cluster behind no balancer: a request may go to either, and what one acknowledges the other
 * must show.
 */
class MultiNodeIT {

    private static final int DIMENSION = 8;

    @TempDir
    Path dir;

    private String url;
    private final List<ChildServer> nodes = new ArrayList<>();

    @BeforeEach
    void database() {
        url = PostgresServer.shared().freshDatabase();
    }

    @AfterEach
    void stop() {
        nodes.forEach(ChildServer::kill);
        PostgresServer.shared().drop(url);
    }

    private Api node(int number, Map<String, String> overrides) throws Exception {
        Path home = Files.createDirectories(dir.resolve("node-" + number));
        Map<String, String> env = new HashMap<>(overrides);
        env.put("MOORCHEH_DATABASE_URL", url);
        env.put("MOORCHEH_JOB_LEASE_SECONDS", "3");
        ChildServer child = ChildServer.start(home, env);
        nodes.add(child);
        return child.api();
    }

    @Test
    void whatOneNodeAcknowledgesTheOtherShowsAtOnce() throws Exception {
        Api a = node(1, Map.of());
        Api b = node(2, Map.of());
        assertThat(a.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":"
                + DIMENSION + "}").status()).isEqualTo(201);
        assertThat(b.get("/namespaces").text()).contains("\"vec\"");

        // Vectors through A: B finds them in its very next search, without waiting.
        a.uploadAndWait("vec", "vectors", DistinctVectors.entries("v", 0, 50, DIMENSION));
        Api.Response found = b.post("/search", DistinctVectors.search(7, DIMENSION, "vec", 3));
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.get("results").get(0).get("id").asText()).isEqualTo("v-7");

        // Text through B, job status read on A.
        assertThat(b.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}").status()).isEqualTo(201);
        Api.Response started = b.post("/namespaces/docs/documents", "{\"documents\":["
                + "{\"id\":\"d1\",\"text\":\"the lighthouse keeper counts ships at dawn\"},"
                + "{\"id\":\"d2\",\"text\":\"bread rises slowly in a cold kitchen\"}]}");
        assertThat(started.status()).isEqualTo(202);
        Api.Response job = a.awaitJob("/namespaces/docs/upload-jobs/" + started.get("job_id").asText());
        assertThat(job.get("status").asText()).isEqualTo("completed");
        Api.Response words = a.post("/search", "{\"query\":\"lighthouse ships\",\"namespaces\":[\"docs\"],\"top_k\":1}");
        assertThat(words.get("results").get(0).get("id").asText()).isEqualTo("d1");

        // Deleted on A: gone on B at once.
        assertThat(a.post("/namespaces/vec/items/delete", "{\"ids\":[\"v-7\"]}").status()).isEqualTo(200);
        Api.Response after = b.post("/search", DistinctVectors.search(7, DIMENSION, "vec", 3));
        assertThat(after.text()).doesNotContain("\"v-7\"");

        // Backups are PostgreSQL's own: the SQLite file download says so.
        Api.Response backup = a.get("/admin/backup");
        assertThat(backup.status()).as(backup.text()).isEqualTo(409);
        assertThat(backup.message()).contains("pg_dump");

        // Counts are the database's, the same on every node.
        assertThat(a.get("/health").get("items").asLong()).isEqualTo(51);
        assertThat(b.get("/health").get("items").asLong()).isEqualTo(51);

        // A namespace deleted through B is gone from A's searches once its job completes.
        Api.Response deleting = b.delete("/namespaces/vec");
        assertThat(deleting.status()).as(deleting.text()).isIn(200, 202);
        a.await("/namespaces", r -> !r.text().contains("\"vec\""), Duration.ofSeconds(30));
        assertThat(a.post("/search", DistinctVectors.search(1, DIMENSION, "vec", 3)).status()).isIn(400, 404);
    }

    @Test
    void aKilledNodesJobsAreFinishedByTheOther() throws Exception {
        Api a = node(1, Map.of());
        assertThat(a.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}").status()).isEqualTo(201);
        // Enough text that embedding takes a while: the kill lands mid-job.
        List<String> jobs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            StringBuilder body = new StringBuilder("{\"documents\":[");
            for (int i = 0; i < 40; i++) {
                String id = "b" + batch + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id)
                        .append("\",\"text\":\"document ").append(id).append(" about rivers, mountains and ")
                        .append("the weather of a long summer in the north\"}");
            }
            Api.Response started = a.post("/namespaces/docs/documents", body.append("]}").toString());
            assertThat(started.status()).isEqualTo(202);
            jobs.add(started.get("job_id").asText());
        }
        String last = "/namespaces/docs/upload-jobs/" + jobs.get(jobs.size() - 1);
        assertThat(a.get(last).get("status").asText()).as("the kill must land before the jobs end").isEqualTo("running");
        nodes.get(0).kill();
        Api b = node(2, Map.of());
        for (String jobId : jobs) {
            Api.Response done = b.await("/namespaces/docs/upload-jobs/" + jobId,
                    r -> r.status() == 200 && "completed".equals(r.get("status").asText()), Duration.ofSeconds(120));
            assertThat(done.get("processed").asLong()).isEqualTo(40);
            assertThat(done.get("failed").asLong()).isZero();
        }
        assertThat(b.get("/health").get("items").asLong()).isEqualTo(ids.size());
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + 100));
            Api.Response found = b.post("/namespaces/docs/items/get", "{\"ids\":" + json(page) + "}");
            assertThat(found.get("items")).as(found.text()).hasSize(page.size());
        }
    }

    @Test
    void twoNodesUploadingAtTheCapNeverPassItTogether() throws Exception {
        Map<String, String> cap = Map.of("MOORCHEH_MAX_ITEMS", "100");
        Api a = node(1, cap);
        Api b = node(2, cap);
        assertThat(a.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":"
                + DIMENSION + "}").status()).isEqualTo(201);
        ExecutorService both = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int round = 0; round < 5; round++) {
                int from = round * 1000;
                Callable<Integer> viaA = () -> a.post("/namespaces/vec/vectors",
                        "{\"vectors\":" + DistinctVectors.entries("a" + from, 0, 20, DIMENSION) + "}").status();
                Callable<Integer> viaB = () -> b.post("/namespaces/vec/vectors",
                        "{\"vectors\":" + DistinctVectors.entries("b" + from, 0, 20, DIMENSION) + "}").status();
                Future<Integer> first = both.submit(viaA);
                Future<Integer> second = both.submit(viaB);
                statuses.add(first.get());
                statuses.add(second.get());
            }
        } finally {
            both.shutdownNow();
        }
        long items = a.get("/health").get("items").asLong();
        assertThat(items).isLessThanOrEqualTo(100).isEqualTo(b.get("/health").get("items").asLong());
        assertThat(statuses).as("202 or 409 only").allMatch(status -> status == 202 || status == 409);
        assertThat(statuses.stream().filter(status -> status == 202).count()).as(statuses.toString()).isEqualTo(5);
        // Rounds of 2 x 20 at once: 40, 80, then only one of the third pair fits (100); never 120.
        assertThat(items).isEqualTo(100);
    }

    private static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").reduce((x, y) -> x + "," + y).map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
