package org.openmoorcheh.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;
import org.openmoorcheh.store.StoreException;

/**
 * Online backup and restore (issue 12, item 9): a backup taken while uploads stream in, restored
 * into a new data dir, serves every item acknowledged before it began, resumes the jobs that were
 * running, and answers searches as the original did.
 */
class BackupIT {

    @TempDir
    Path dir;
    @TempDir
    Path restoredDir;

    @Test
    void aBackupTakenDuringUploadsRestoresEverythingAcknowledgedBeforeIt() throws Exception {
        Path backup = dir.resolve("backup.db");
        List<String> completedBefore = new ArrayList<>();
        Map<String, String> searches = new java.util.LinkedHashMap<>();
        try (TestServer original = TestServer.start(dir)) {
            Api api = original.api();
            api.post("/namespaces", "{\"namespace_name\":\"stable\",\"type\":\"text\"}");
            api.post("/namespaces", "{\"namespace_name\":\"busy\",\"type\":\"text\"}");
            api.uploadAndWait("stable", "documents", "[{\"id\":\"cat\",\"text\":\"Cats purr and sleep all day.\"},"
                    + "{\"id\":\"dog\",\"text\":\"Dogs bark at the postman.\"},"
                    + "{\"id\":\"fish\",\"text\":\"Fish swim in the coral reef.\",\"team\":\"sea\"}]");
            for (String query : List.of("kittens", "puppies barking", "ocean #team:sea")) {
                searches.put(query, results(api, query));
            }

            // Uploads stream into "busy" while the backup is taken; each job records whether it had
            // completed before the backup request was sent.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> loaderFailure = new AtomicReference<>();
            ConcurrentLinkedQueue<String[]> jobs = new ConcurrentLinkedQueue<>();
            Thread loader = new Thread(() -> {
                try {
                    for (int batch = 0; !stop.get() && batch < 400; batch++) {
                        StringBuilder docs = new StringBuilder("[");
                        for (int i = 0; i < 5; i++) {
                            docs.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(batch).append('-').append(i)
                                    .append("\",\"text\":\"busy document ").append(batch).append(' ').append(i).append("\"}");
                        }
                        Api.Response started = api.post("/namespaces/busy/documents", "{\"documents\":" + docs + "]}");
                        if (started.status() != 202) {
                            throw new AssertionError("upload answered " + started.text());
                        }
                        jobs.add(new String[] {started.get("job_id").asText(), Integer.toString(batch)});
                    }
                } catch (Throwable failure) {
                    loaderFailure.set(failure);
                }
            }, "backup-test-loader");
            loader.start();
            // Wait until some jobs have completed while more keep coming.
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (loader.isAlive() && System.nanoTime() < until && (jobs.size() < 3
                    || !"completed".equals(api.get("/namespaces/busy/upload-jobs/" + jobs.peek()[0]).get("status").asText()))) {
                Thread.sleep(20);
            }
            // Jobs done before the backup starts must all be in it.
            for (String[] job : jobs) {
                Api.Response status = api.get("/namespaces/busy/upload-jobs/" + job[0]);
                if ("completed".equals(status.get("status").asText())) {
                    for (int i = 0; i < 5; i++) {
                        completedBefore.add("b" + job[1] + "-" + i);
                    }
                }
            }
            download(api.port(), backup);
            stop.set(true);
            loader.join(60_000);
            assertThat(loaderFailure.get()).isNull();
        }
        assertThat(completedBefore).isNotEmpty();

        Restore.restore(backup, restoredDir.resolve("data"));
        try (TestServer restored = TestServer.start(restoredDir)) {
            Api api = restored.api();
            for (Map.Entry<String, String> search : searches.entrySet()) {
                assertThat(results(api, search.getKey())).as(search.getKey()).isEqualTo(search.getValue());
            }
            JsonNode found = api.post("/namespaces/busy/items/get", "{\"ids\":" + json(completedBefore) + "}").json();
            assertThat(found.get("items").size()).isEqualTo(completedBefore.size());
            // Jobs that were running in the snapshot resume and finish on the restored server.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && runningJobs(api) > 0) {
                Thread.sleep(100);
            }
            assertThat(runningJobs(api)).isZero();
        }
    }

    @Test
    void restoreRefusesADataDirWithADatabaseAndAFileThatIsNotOne() throws Exception {
        Path backup = dir.resolve("backup.db");
        try (TestServer original = TestServer.start(dir)) {
            download(original.api().port(), backup);
        }
        assertThatThrownBy(() -> Restore.restore(backup, dir.resolve("data")))
                .hasMessageContaining("already holds a database");
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "not a database at all, just text");
        assertThatThrownBy(() -> Restore.restore(garbage, restoredDir.resolve("data"))).isInstanceOf(StoreException.class);
        byte[] half = Files.readAllBytes(backup);
        Path truncated = Files.write(dir.resolve("truncated.db"), java.util.Arrays.copyOf(half, half.length / 2));
        assertThatThrownBy(() -> Restore.restore(truncated, restoredDir.resolve("data"))).isInstanceOf(StoreException.class);
        assertThat(restoredDir.resolve("data/moorcheh.db")).doesNotExist();
    }

    private static long runningJobs(Api api) {
        String metrics = api.get("/metrics").text();
        var matcher = java.util.regex.Pattern.compile("(?m)^moorcheh_jobs_running\\S*\\s+(\\S+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }

    private static String results(Api api, String query) {
        Api.Response search = api.post("/search", "{\"query\":\"" + query + "\",\"namespaces\":[\"stable\"],\"top_k\":3}");
        assertThat(search.status()).isEqualTo(200);
        StringBuilder out = new StringBuilder();
        for (JsonNode hit : search.get("results")) {
            out.append(hit.get("id").asText()).append('=').append(hit.get("score").asText()).append(' ');
        }
        return out.toString();
    }

    private static String json(List<String> ids) {
        StringBuilder out = new StringBuilder("[");
        for (String id : ids) {
            out.append(out.length() == 1 ? "" : ",").append('"').append(id).append('"');
        }
        return out.append(']').toString();
    }

    private static void download(int port, Path target) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/backup")).build(),
                HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(Files.size(target)).isPositive();
    }
}
