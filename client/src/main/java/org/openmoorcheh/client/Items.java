package org.openmoorcheh.client;

import static org.openmoorcheh.client.Transport.segment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openmoorcheh.client.model.ItemsDeleted;
import org.openmoorcheh.client.model.ItemsFound;
import org.openmoorcheh.client.model.JobStarted;
import org.openmoorcheh.client.model.UploadJob;

/**
 * What documents and vectors share: uploading (as an asynchronous job), job status and waiting,
 * reading and deleting items by id, and uploading a large list in batches.
 *
 * @param <T> the entry type ({@code Document} or {@code VectorItem})
 */
public abstract class Items<T> {

    /** Ids per {@code items/get} and {@code items/delete} call, the server's limit. */
    public static final int MAX_IDS = 100;

    /**
     * The result of {@link #uploadAll}: the jobs, their final states, and the ids that are not stored
     * after every job ended (those the server reported as failed).
     */
    public record BulkResult(List<UploadJob> jobs, long successful, List<String> failedIds) {
    }

    final Transport transport;
    private final String field;
    private final Function<T, String> idOf;

    Items(Transport transport, String field, Function<T, String> idOf) {
        this.transport = transport;
        this.field = field;
        this.idOf = idOf;
    }

    abstract Map<String, Object> body(T entry);

    /** Starts an upload job for the entries (an id already stored is replaced). */
    public JobStarted upload(String namespace, List<T> entries) {
        List<Map<String, Object>> bodies = new ArrayList<>(entries.size());
        for (T entry : entries) {
            bodies.add(body(entry));
        }
        return transport.convert(transport.post(path(namespace) + "/" + field, Map.of(field, bodies)), JobStarted.class);
    }

    public UploadJob job(String namespace, String jobId) {
        return transport.convert(transport.get(path(namespace) + "/upload-jobs/" + segment(jobId)), UploadJob.class);
    }

    /** Polls the upload job until it is no longer running. @throws MoorchehException status 0 at the timeout */
    public UploadJob waitFor(String namespace, String jobId, Duration timeout, Duration interval) {
        return Polling.until(() -> job(namespace, jobId), UploadJob::isRunning, timeout, interval, "upload job " + jobId);
    }

    /** Uploads and waits (polling every 200 ms). */
    public UploadJob uploadAndWait(String namespace, List<T> entries, Duration timeout) {
        return waitFor(namespace, upload(namespace, entries).jobId(), timeout, Duration.ofMillis(200));
    }

    /**
     * Uploads a large list in batches of {@code batchSize}, then waits for every job and reports
     * the ids that are not stored. Upload calls stop at the first refusal (for example the 409 of
     * the item limit), which is thrown; batches already accepted keep running on the server.
     */
    public BulkResult uploadAll(String namespace, List<T> entries, int batchSize, Duration timeout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        List<String> jobIds = new ArrayList<>();
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += batchSize) {
            List<T> batch = entries.subList(from, Math.min(entries.size(), from + batchSize));
            jobIds.add(upload(namespace, batch).jobId());
            batches.add(batch);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<UploadJob> jobs = new ArrayList<>();
        List<String> failedIds = new ArrayList<>();
        long successful = 0;
        for (int i = 0; i < jobIds.size(); i++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            UploadJob job = waitFor(namespace, jobIds.get(i), left, Duration.ofMillis(200));
            jobs.add(job);
            successful += job.successful();
            if (job.failed() > 0) {
                failedIds.addAll(missing(namespace, batches.get(i).stream().map(idOf).toList()));
            }
        }
        return new BulkResult(jobs, successful, failedIds);
    }

    /** Reads up to {@value #MAX_IDS} items by id. */
    public ItemsFound get(String namespace, List<String> ids) {
        return transport.convert(transport.post(path(namespace) + "/items/get", Map.of("ids", ids)), ItemsFound.class);
    }

    /** Deletes up to {@value #MAX_IDS} items by id, at once (no job). */
    public ItemsDeleted delete(String namespace, List<String> ids) {
        return transport.convert(transport.post(path(namespace) + "/items/delete", Map.of("ids", ids)),
                ItemsDeleted.class);
    }

    /**
     * Deletes every item whose metadata passes a structured filter (docs/API-NOTES.md "Structured
     * filters"), e.g. {@code Map.of("year", Map.of("$lt", 2000))}; {@code requested} in the answer is
     * how many matched.
     */
    public ItemsDeleted deleteMatching(String namespace, Map<String, Object> filter) {
        return transport.convert(transport.post(path(namespace) + "/items/delete", Map.of("filter", filter)),
                ItemsDeleted.class);
    }

    /** Deletes every item of the namespace; the namespace stays. */
    public ItemsDeleted deleteAll(String namespace) {
        return transport.convert(transport.post(path(namespace) + "/items/delete", Map.of("all", true)),
                ItemsDeleted.class);
    }

    private List<String> missing(String namespace, List<String> ids) {
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + MAX_IDS));
            Set<String> found = new HashSet<>();
            get(namespace, part).items().forEach(item -> found.add(item.id()));
            part.stream().filter(id -> !found.contains(id)).distinct().forEach(missing::add);
        }
        return missing;
    }

    static String path(String namespace) {
        return "/namespaces/" + segment(namespace);
    }
}
