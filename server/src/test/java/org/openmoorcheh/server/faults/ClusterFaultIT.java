package org.openmoorcheh.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;
import org.openmoorcheh.server.testing.DistinctVectors;
import org.openmoorcheh.server.testing.Seeds;
import org.openmoorcheh.server.testing.TestServer;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.postgres.PostgresServer;
import org.openmoorcheh.store.postgres.PostgresStore;

/**
 * Faults of a cluster on PostgreSQL (issue 26): the change log stays bounded under a long write
 * load and a node that was away past its retention rebuilds instead of following a pruned log; a
 * node killed in the middle of a namespace delete leaves the job to another, which finishes it.
 * One node runs in this JVM, the other is a child process so that it can be paused and killed.
 */
class ClusterFaultIT {

    private static final int DIMENSION = 8;

    @TempDir
    Path dir;

    private String url;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable node : running) {
            node.close();
        }
        if (url != null) {
            PostgresServer.shared().drop(url);
        }
    }

    @Test
    void theChangeLogStaysBoundedAndANodeThatWasAwayPastItRebuilds() throws Exception {
        url = PostgresServer.shared().freshDatabase();
        Map<String, String> env = Map.of("MOORCHEH_CHANGE_LOG_RETENTION_SECONDS", "2");
        Api a = inProcessNode("a", env);
        ChildServer bNode = childNode("b", env);
        Api b = bNode.api();
        assertThat(a.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":"
                + DIMENSION + "}").status()).isEqualTo(201);

        // A long write load through both nodes: the log is pruned while it is written.
        long mostRows = 0;
        int rounds = 24;
        for (int round = 0; round < rounds; round++) {
            Api via = round % 2 == 0 ? a : b;
            Api.Response stored = via.post("/namespaces/vec/vectors", "{\"vectors\":" + DistinctVectors.entries("v", round * 100, 100, DIMENSION) + "}");
            assertThat(stored.status()).as(stored.text()).isIn(200, 201, 202);
            mostRows = Math.max(mostRows, number("SELECT count(*) FROM changes"));
            Thread.sleep(250);
        }
        long logged = number("SELECT GREATEST(COALESCE((SELECT MAX(seq) FROM changes), 0),"
                + " (SELECT pruned_through FROM change_horizon))");
        assertThat(logged).as("changes logged: one per write").isGreaterThanOrEqualTo(rounds);
        assertThat(mostRows).as("most rows at once of " + logged).isLessThan(logged / 2);
        long quiet = System.nanoTime();
        awaitNumber("SELECT count(*) FROM changes", rows -> rows == 0, "the log emptied once every node applied it");
        System.out.printf("change log: %d changes logged, at most %d rows at once, empty %d ms after the writes%n",
                logged, mostRows, (System.nanoTime() - quiet) / 1_000_000);

        // B stands still past the retention; A writes and deletes, and the log is pruned past B.
        bNode.pause();
        long paused = System.nanoTime();
        try {
            assertThat(a.post("/namespaces/vec/vectors", "{\"vectors\":" + DistinctVectors.entries("late", 5_000, 50, DIMENSION) + "}").status())
                    .isIn(200, 201, 202);
            assertThat(a.post("/namespaces/vec/items/delete", "{\"ids\":[\"v-3\",\"v-4\",\"v-5\"]}").status())
                    .isEqualTo(200);
            awaitNumber("SELECT count(*) FROM change_readers", readers -> readers == 1, "B forgotten by the log");
            awaitNumber("SELECT count(*) FROM changes", rows -> rows == 0, "the log pruned past B");
        } finally {
            bNode.resume();
        }
        System.out.printf("change log: pruned past a paused node %d ms after it stopped%n",
                (System.nanoTime() - paused) / 1_000_000);

        // B's next search rebuilds from the items: what A wrote is there, what A deleted is not.
        long back = System.nanoTime();
        Api.Response found = b.post("/search", DistinctVectors.search(5_007, DIMENSION, "vec", 3));
        long firstSearch = (System.nanoTime() - back) / 1_000_000;
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.get("results").get(0).get("id").asText()).isEqualTo("late-5007");
        for (int deleted = 3; deleted <= 5; deleted++) {
            assertThat(b.post("/search", DistinctVectors.search(deleted, DIMENSION, "vec", 3)).text()).doesNotContain("\"v-" + deleted + "\"");
        }
        long items = rounds * 100L + 50 - 3;
        assertThat(a.get("/health").get("items").asLong()).isEqualTo(items);
        assertThat(b.get("/health").get("items").asLong()).isEqualTo(items);
        assertThat(bNode.logText()).contains("change log pruned past this node's position");
        System.out.printf("change log: the returning node rebuilt and answered its first search in %d ms%n", firstSearch);
    }

    @Test
    void aNodeKilledDuringANamespaceDeleteLeavesItToAnotherThatFinishesIt() throws Exception {
        url = PostgresServer.shared().freshDatabase();
        int doomed = 1_000;
        try (PostgresStore store = PostgresStore.open(url)) {
            store.createNamespace("doomed", NamespaceType.VECTOR, 4, Instant.now());
            store.createNamespace("kept", NamespaceType.VECTOR, 4, Instant.now());
            Seeds.vectors(store, "doomed", "v", doomed);
            Seeds.vectors(store, "kept", "v", 5);
        }
        long seed = Long.getLong("tests.seed", System.nanoTime());
        int killAfter = 1 + new Random(seed).nextInt(doomed / 2);
        String why = "seed " + seed + ", kill after " + killAfter + " deleted items";
        Map<String, String> env = Map.of("MOORCHEH_DELETE_BATCH_SIZE", "1", "MOORCHEH_JOB_LEASE_SECONDS", "2");

        ChildServer first = childNode("b", env);
        Api.Response started = first.api().delete("/namespaces/doomed");
        assertThat(started.status()).as(why + ": " + started.text()).isEqualTo(202);
        String job = "/namespaces/doomed/delete-jobs/" + started.get("job_id").asText();
        Api.Response midway = first.api().await(job, r -> r.get("deleted_items").asLong() >= killAfter,
                Duration.ofSeconds(60));
        assertThat(midway.get("status").asText()).as(why).isEqualTo("running");
        first.kill();
        long killed = System.nanoTime();

        // The other node takes the job up once the dead node's lease runs out, and finishes it.
        Api a = inProcessNode("a", env);
        Api.Response during = a.post("/search", "{\"query\":[1,0,0,0],\"namespaces\":[\"doomed\"],\"top_k\":3}");
        assertThat(during.status()).as(during.text()).isNotEqualTo(500);
        Api.Response done = a.await(job, r -> r.status() == 200 && "completed".equals(r.get("status").asText()),
                Duration.ofSeconds(60));
        System.out.printf("namespace delete: finished by the other node %d ms after the kill (%s)%n",
                (System.nanoTime() - killed) / 1_000_000, why);
        assertThat(done.get("deleted_items").asLong()).as(why).isEqualTo(doomed);
        assertThat(number("SELECT count(*) FROM items WHERE namespace_id = (SELECT id FROM namespaces"
                + " WHERE name = 'doomed')")).as(why).isZero();
        assertThat(a.get("/namespaces").text()).doesNotContain("\"doomed\"").contains("\"kept\"");
        assertThat(a.get("/health").get("items").asLong()).as(why).isEqualTo(5);
        Api.Response kept = a.post("/search", "{\"query\":[0,1,0,0],\"namespaces\":[\"kept\"],\"top_k\":5}");
        assertThat(kept.get("results")).as(kept.text()).hasSize(5);
    }

    private Api inProcessNode(String name, Map<String, String> overrides) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Map<String, String> env = new HashMap<>(overrides);
        env.put("MOORCHEH_DATABASE_URL", url);
        ServerApp app = ServerApp.start(ServerConfig.fromEnvironment(TestServer.environment(home, env), home));
        running.add(app);
        return new Api(app.port());
    }

    private ChildServer childNode(String name, Map<String, String> overrides) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Map<String, String> env = new HashMap<>(overrides);
        env.put("MOORCHEH_DATABASE_URL", url);
        ChildServer child = ChildServer.start(home, env);
        running.add(child::kill);
        return child;
    }

    private long number(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void awaitNumber(String query, LongPredicate done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long value = number(query);
        while (!done.test(value)) {
            assertThat(System.nanoTime()).as(what + ": " + query + " still " + value).isLessThan(deadline);
            Thread.sleep(100);
            value = number(query);
        }
    }
}
