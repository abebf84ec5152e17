package org.openmoorcheh.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;
import org.openmoorcheh.server.testing.RawDatabase;

/**
 * Uploads stream into a server process that is SIGKILLed at a random moment, round after round.
 * After every restart: each upload that got a 202 completes, every one of its items is stored with
 * the metadata of that upload, job counters are consistent, and SQLite's integrity check passes.
 * Rounds: {@code -Dcrash.rounds} (default 5: each round kills at a random moment, so a longer soak,
 * say {@code -Dcrash.rounds=100}, finds what rarer moments hide); seed: {@code -Dtests.seed}.
 */
class UploadCrashIT {

    /** The server's settings besides the data directory: the store, for the PostgreSQL variant. */
    protected Map<String, String> serverEnv() {
        return UNLIMITED;
    }

    private static final int VECTOR_BATCH = 300;
    private static final int TEXT_BATCH = 8;
    protected static final int DIMENSION = 16;
    /** The loader uploads until the kill; the default cap of 100,000 items would stop it first. */
    protected static final Map<String, String> UNLIMITED = Map.of("MOORCHEH_MAX_ITEMS", "100000000");

    /** An acknowledged upload: the job, its namespace and the ids it carries. */
    private record Acked(String namespace, String jobId, String tag, List<String> ids) {
    }

    @TempDir
    protected Path dir;

    @Test
    void everyAcknowledgedUploadSurvivesRepeatedKills() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        int rounds = Integer.getInteger("crash.rounds", 5);
        Random random = new Random(seed);
        List<Acked> acked = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> loaderFailure = new AtomicReference<>();

        for (int round = 0; round < rounds; round++) {
            String why = "seed " + seed + ", round " + round;
            ChildServer server = ChildServer.start(dir, serverEnv());
            try {
                if (round == 0) {
                    server.api().post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\","
                            + "\"vector_dimension\":" + DIMENSION + "}");
                    server.api().post("/namespaces", "{\"namespace_name\":\"txt\",\"type\":\"text\"}");
                }
                verify(server.api(), acked, why);
                int roundNumber = round;
                Thread loader = new Thread(() -> load(server.api(), roundNumber, acked), "crash-loader");
                loader.setUncaughtExceptionHandler((thread, failure) -> loaderFailure.set(failure));
                int before = acked.size();
                loader.start();
                // The random moment counts from the round's first acknowledgement: on a loaded machine
                // the first upload of a fresh process can take longer than the whole window.
                for (long deadline = System.nanoTime() + 20_000_000_000L;
                        acked.size() == before && loader.isAlive() && System.nanoTime() < deadline; ) {
                    Thread.sleep(10);
                }
                Thread.sleep(random.nextInt(1_500));
                server.kill();
                loader.join(30_000);
            } finally {
                server.kill();
            }
            assertThat(loaderFailure.get()).as(why + ": the loader failed").isNull();
            assertThat(integrity()).as(why).isEqualTo("ok");
        }
        try (ChildServer last = ChildServer.start(dir, serverEnv())) {
            verify(last.api(), acked, "seed " + seed + ", after the last round");
        }
        assertThat(acked).as("every round acknowledged an upload before its kill").hasSizeGreaterThanOrEqualTo(rounds);
    }

    /** Posts batches until the server dies; records every batch that got a 202. */
    private static void load(Api api, int round, List<Acked> acked) {
        try {
            for (int batch = 0; ; batch++) {
                String tag = "r" + round + "b" + batch;
                boolean text = batch % 4 == 3;
                List<String> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder(text ? "{\"documents\":[" : "{\"vectors\":[");
                int size = text ? TEXT_BATCH : VECTOR_BATCH;
                for (int i = 0; i < size; i++) {
                    String id = tag + "-" + i;
                    ids.add(id);
                    body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"tag\":\"")
                            .append(tag).append('"');
                    if (text) {
                        body.append(",\"text\":\"crash test document ").append(id).append("\"}");
                    } else {
                        body.append(",\"vector\":[");
                        for (int d = 0; d < DIMENSION; d++) {
                            body.append(d == 0 ? "" : ",").append((i * 31 + d) % 97 / 97.0);
                        }
                        body.append("]}");
                    }
                }
                String namespace = text ? "txt" : "vec";
                Api.Response response = api.post("/namespaces/" + namespace + (text ? "/documents" : "/vectors"),
                        body.append("]}").toString());
                if (response.status() != 202) {
                    throw new AssertionError("upload refused: " + response.text());
                }
                acked.add(new Acked(namespace, response.get("job_id").asText(), tag, ids));
            }
        } catch (UncheckedIOException | IllegalStateException serverGone) {
            // The kill landed; whatever got a 202 before it is in `acked`.
        }
    }

    private void verify(Api api, List<Acked> acked, String why) throws Exception {
        for (Acked upload : acked) {
            String path = "/namespaces/" + upload.namespace() + "/upload-jobs/" + upload.jobId();
            Api.Response job = api.await(path, r -> r.status() != 200
                    || r.get("status").asText().equals("completed"), Duration.ofSeconds(120));
            assertThat(job.status()).as(why + " " + upload).isEqualTo(200);
            long total = job.get("total").asLong();
            assertThat(total).as(why).isEqualTo(upload.ids().size());
            assertThat(job.get("processed").asLong()).as(why).isEqualTo(total);
            assertThat(job.get("successful").asLong() + job.get("failed").asLong()).as(why).isEqualTo(total);
            assertThat(job.get("failed").asLong()).as(why + " " + job.text()).isZero();
            assertThat(job.get("finished_at").isNull()).as(why).isFalse();
        }
        // Uploads admitted but never acknowledged (the kill beat the 202) may still be landing; wait them out.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (runningJobs() > 0) {
            assertThat(System.nanoTime()).as(why + ": jobs still running").isLessThan(deadline);
            Thread.sleep(50);
        }
        Map<String, String> stored = storedTags();
        for (Acked upload : acked) {
            for (String id : upload.ids()) {
                assertThat(stored.get(upload.namespace() + "/" + id)).as(why + ": " + id).isEqualTo(upload.tag());
            }
        }
        assertThat(api.get("/health").get("items").asLong()).as(why).isEqualTo(stored.size());
        // The lexical index follows the store through kills too: every acknowledged document is found
        // by its words, exactly once.
        for (Acked upload : acked) {
            if (upload.namespace().equals("txt")) {
                Api.Response found = api.post("/search", "{\"query\":\"crash test document #tag:" + upload.tag()
                        + "\",\"namespaces\":[\"txt\"],\"top_k\":100,\"search_mode\":\"lexical\"}");
                List<String> ids = new ArrayList<>();
                found.get("results").forEach(hit -> ids.add(hit.get("id").asText()));
                assertThat(ids).as(why + ": words of " + upload.tag()).containsExactlyInAnyOrderElementsOf(upload.ids());
            }
        }
    }

    /** The JDBC URL of the server's database, read directly by the checks. */
    protected String databaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("data/moorcheh.db");
    }

    /** SQL for an item's metadata tag and its vector's byte length, in this database's spelling. */
    protected String tagAndVectorBytes() {
        return "json_extract(i.metadata, '$.tag'), length(i.vector)";
    }

    /** namespace/id → the tag in its stored metadata, read straight from the database; each item once. */
    protected Map<String, String> storedTags() throws Exception {
        Map<String, String> tags = new HashMap<>();
        try (Connection raw = DriverManager.getConnection(databaseUrl());
             Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery("SELECT n.name, i.item_id, " + tagAndVectorBytes()
                     + " FROM items i JOIN namespaces n ON n.id = i.namespace_id")) {
            while (rows.next()) {
                int expectedBytes = rows.getString(1).equals("vec") ? DIMENSION * 4 : 384 * 4;
                assertThat(rows.getInt(4)).as("vector of " + rows.getString(2)).isEqualTo(expectedBytes);
                assertThat(tags.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3)))
                        .as("stored twice: " + rows.getString(2)).isNull();
            }
        }
        return tags;
    }

    protected long runningJobs() throws Exception {
        try (Connection raw = DriverManager.getConnection(databaseUrl());
             Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM jobs WHERE state = 'RUNNING'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    protected String integrity() throws Exception {
        return RawDatabase.single(dir.resolve("data/moorcheh.db"), "PRAGMA integrity_check");
    }
}
