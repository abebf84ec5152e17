package org.openmoorcheh.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ChildServer;
import org.openmoorcheh.server.testing.RawDatabase;
import org.openmoorcheh.server.testing.Seeds;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * A namespace delete job that is running when the process is SIGKILLed completes after a restart,
 * and the database is consistent in between. The kill point is drawn from a seed printed in the
 * assertion messages ({@code -Dtests.seed=N} replays it).
 */
class NamespaceDeleteCrashIT {

    private static final int DOOMED_ITEMS = 3_000;

    @TempDir
    Path dir;

    @Test
    void deleteJobKilledMidwayCompletesAfterRestart() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        int killAfter = 1 + new Random(seed).nextInt(DOOMED_ITEMS / 2);
        String why = "seed " + seed + ", kill after " + killAfter + " deleted items";
        Path database = dir.resolve("data/moorcheh.db");
        try (SqliteStore store = SqliteStore.open(database)) {
            store.createNamespace("doomed", NamespaceType.VECTOR, 4, Instant.now());
            store.createNamespace("kept", NamespaceType.VECTOR, 4, Instant.now());
            Seeds.vectors(store, "doomed", "v", DOOMED_ITEMS);
            Seeds.vectors(store, "kept", "v", 5);
        }
        Map<String, String> env = Map.of("MOORCHEH_DELETE_BATCH_SIZE", "1");

        ChildServer first = ChildServer.start(dir, env);
        String jobId;
        String jobPath;
        try {
            Api.Response started = first.api().delete("/namespaces/doomed");
            assertThat(started.status()).as(why).isEqualTo(202);
            jobId = started.get("job_id").asText();
            jobPath = "/namespaces/doomed/delete-jobs/" + jobId;
            Api.Response midway = first.api().await(jobPath,
                    r -> r.get("deleted_items").asLong() >= killAfter, Duration.ofSeconds(60));
            assertThat(midway.get("status").asText()).as(why).isEqualTo("running");
        } finally {
            first.kill();
        }

        assertThat(RawDatabase.single(database, "PRAGMA integrity_check")).as(why).isEqualTo("ok");
        assertThat(RawDatabase.single(database, "SELECT state FROM jobs WHERE job_id = '" + jobId + "'"))
                .isEqualTo("RUNNING");
        long processed = Long.parseLong(RawDatabase.single(database,
                "SELECT processed FROM jobs WHERE job_id = '" + jobId + "'"));
        long counted = Long.parseLong(RawDatabase.single(database,
                "SELECT item_count FROM namespaces WHERE name = 'doomed'"));
        long actual = Long.parseLong(RawDatabase.single(database, "SELECT COUNT(*) FROM items i JOIN namespaces n"
                + " ON i.namespace_id = n.id WHERE n.name = 'doomed'"));
        assertThat(counted).as(why + ": stored count matches the rows").isEqualTo(actual);
        assertThat(processed + actual).as(why + ": progress plus what is left is the whole").isEqualTo(DOOMED_ITEMS);

        try (ChildServer second = ChildServer.start(dir, env)) {
            Api api = second.api();
            Api.Response done = api.awaitJob(jobPath);
            assertThat(done.get("status").asText()).as(why).isEqualTo("completed");
            assertThat(done.get("total_items").asLong()).as(why).isEqualTo(DOOMED_ITEMS);
            assertThat(done.get("deleted_items").asLong()).as(why).isEqualTo(DOOMED_ITEMS);
            assertThat(done.get("finished_at").isNull()).isFalse();
            assertThat(api.get("/health").get("items").asLong()).isEqualTo(5);
            assertThat(api.get("/namespaces").get("namespaces")).hasSize(1);
            assertThat(api.post("/namespaces", "{\"namespace_name\":\"doomed\",\"type\":\"text\"}").status())
                    .isEqualTo(201);
        }
    }
}
