package org.openmoorcheh.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RawDatabase;
import org.openmoorcheh.server.testing.Commands;
import org.openmoorcheh.server.testing.TestServer;

/**
 * SQLite on a small file system (a tmpfs of a few megabytes) filled by uploads (issue 26, item 2):
 * the upload that cannot be made durable is refused with 507 and nothing of it is stored, every
 * upload acknowledged before is intact, searches keep working, and once space is freed uploads
 * succeed again without a restart; SQLite's integrity check passes at the end. Needs the right to
 * mount (root, as CI runs); skipped elsewhere.
 */
class FullDiskFaultIT {

    private static final int DIMENSION = 64;
    private static final int BATCH = 100;

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesUploadsWith507KeepsEverythingAcknowledgedAndRecoversWhenSpaceIsFreed() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(Commands.run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", disk.toString()),
                "cannot mount a small file system here");
        try {
            // Room to free later: the disk is filled around it.
            Path ballast = disk.resolve("ballast");
            Files.write(ballast, new byte[1_500_000]);
            Path data = disk.resolve("data");
            try (TestServer server = TestServer.start(dir, Map.of("MOORCHEH_DATA_DIR", data.toString(),
                    "MOORCHEH_MAX_ITEMS", "100000000"))) {
                Api api = server.api();
                api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":"
                        + DIMENSION + "}");
                Random random = new Random(7);
                long acknowledged = 0;
                int refused = 0;
                int batch = 0;
                long started = System.nanoTime();
                for (; batch < 2_000 && refused < 3; batch++) {
                    Api.Response answer = api.post("/namespaces/vec/vectors", vectors(random, batch));
                    assertThat(answer.status()).as("batch " + batch + ": " + answer.text()).isIn(201, 202, 507);
                    if (answer.status() == 507) {
                        refused++;
                        assertThat(answer.get("message").asText()).contains("disk is full");
                    } else {
                        acknowledged += BATCH;
                    }
                }
                System.out.printf("disk full after %d acknowledged vectors (%d batches, %d ms)%n", acknowledged, batch,
                        (System.nanoTime() - started) / 1_000_000);
                assertThat(refused).as("the disk filled up").isEqualTo(3);
                assertThat(api.get("/health").get("items").asLong()).as("every acknowledged item, nothing refused")
                        .isEqualTo(acknowledged);
                Api.Response search = api.post("/search", "{\"query\":" + vector(random) + ",\"namespaces\":[\"vec\"],"
                        + "\"top_k\":3}");
                assertThat(search.status()).as("reads go on").isEqualTo(200);
                assertThat(search.get("results")).hasSize(3);

                Files.delete(ballast);
                Api.Response after = api.post("/namespaces/vec/vectors", vectors(random, batch));
                assertThat(after.status()).as("writes again once space is freed: " + after.text()).isIn(201, 202);
                assertThat(api.get("/health").get("items").asLong()).isEqualTo(acknowledged + BATCH);
            }
            assertThat(RawDatabase.single(data.resolve("moorcheh.db"), "PRAGMA integrity_check")).isEqualTo("ok");
        } finally {
            Commands.run("umount", disk.toString());
        }
    }

    private static String vectors(Random random, int batch) {
        StringBuilder json = new StringBuilder("{\"vectors\":[");
        for (int i = 0; i < BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(batch).append('-').append(i)
                    .append("\",\"vector\":").append(vector(random)).append(",\"note\":\"")
                    .append("x".repeat(200)).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static String vector(Random random) {
        StringBuilder json = new StringBuilder("[");
        for (int d = 0; d < DIMENSION; d++) {
            json.append(d == 0 ? "" : ",").append(random.nextGaussian());
        }
        return json.append(']').toString();
    }
}
