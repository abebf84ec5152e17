package org.openmoorcheh.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * Claiming and resuming jobs on a real SQLite store with the real namespace-delete work, no server:
 * jobs run one at a time in acceptance order, a job paused by shutdown resumes at the next start and
 * completes once, and a failing job is marked failed without stopping the others.
 */
class JobRunnerTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void jobsRunInAcceptanceOrderAndAFailureStopsOnlyItsJob() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("moorcheh.db"))) {
            List<String> accepted = new ArrayList<>();
            for (String name : List.of("c", "a", "doomed", "b")) {
                seed(store, name, 50);
                accepted.add(store.startNamespaceDelete(name, "job-" + name, Instant.now()).orElseThrow().jobId());
            }
            List<String> ran = Collections.synchronizedList(new ArrayList<>());
            NamespaceDeleteWork real = new NamespaceDeleteWork(store, clock, 7, new ItemListener() { }, new WriteOrder());
            JobWork recording = (job, stop) -> {
                ran.add(job.jobId());
                if (job.namespaceName().equals("doomed")) {
                    throw new IllegalStateException("disk on fire");
                }
                real.run(job, stop);
            };
            JobRunner runner = new JobRunner(store, clock, Map.of(JobKind.NAMESPACE_DELETE, recording));
            runner.start();
            runner.wake();
            awaitFinished(store, accepted);
            runner.close();
            assertThat(ran).containsExactlyElementsOf(accepted);
            for (String jobId : accepted) {
                Job job = store.findJob(jobId).orElseThrow();
                if (jobId.equals("job-doomed")) {
                    assertThat(job.state()).isEqualTo(JobState.FAILED);
                    assertThat(job.lastError()).contains("disk on fire");
                } else {
                    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
                    assertThat(job.processed()).isEqualTo(50);
                    assertThat(store.findNamespace(job.namespaceName())).isEmpty();
                }
            }
        }
    }

    @Test
    void aJobPausedByShutdownResumesAtTheNextStartAndCompletesOnce() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("moorcheh.db"))) {
            seed(store, "big", 200);
            String jobId = store.startNamespaceDelete("big", "job-big", Instant.now()).orElseThrow().jobId();
            NamespaceDeleteWork real = new NamespaceDeleteWork(store, clock, 10, new ItemListener() { }, new WriteOrder());
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobWork slow = (job, stop) -> {
                started.countDown();
                // Hold the job until shutdown has been asked for, then let the real work see the stop.
                release.await(10, TimeUnit.SECONDS);
                real.run(job, stop);
            };
            JobRunner first = new JobRunner(store, clock, Map.of(JobKind.NAMESPACE_DELETE, slow));
            first.start();
            first.wake();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Thread closer = new Thread(first::close);
            closer.start();
            Thread.sleep(200); // the runner's stop flag is set by now
            release.countDown();
            closer.join(30_000);
            Job paused = store.findJob(jobId).orElseThrow();
            assertThat(paused.state()).isEqualTo(JobState.RUNNING);
            assertThat(paused.processed()).isLessThan(200);

            JobRunner second = new JobRunner(store, clock, Map.of(JobKind.NAMESPACE_DELETE, real));
            second.start();
            awaitFinished(store, List.of(jobId));
            second.close();
            Job done = store.findJob(jobId).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.COMPLETED);
            assertThat(done.processed()).isEqualTo(200);
            assertThat(store.findNamespace("big")).isEmpty();
        }
    }

    private static void seed(SqliteStore store, String name, int items) {
        Namespace namespace = store.createNamespace(name, NamespaceType.VECTOR, 2, Instant.now());
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            batch.add(new Item(name + i, null, "{}", new float[] {i, 1}, false));
        }
        store.applyUpload(namespace.id(), "seed-" + java.util.UUID.randomUUID(), batch,
                Long.MAX_VALUE, Instant.now()).orElseThrow();
    }

    private static void awaitFinished(SqliteStore store, List<String> jobIds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jobIds.stream().anyMatch(id -> store.findJob(id).orElseThrow().state() == JobState.RUNNING)) {
            assertThat(System.nanoTime()).as("jobs still running").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
