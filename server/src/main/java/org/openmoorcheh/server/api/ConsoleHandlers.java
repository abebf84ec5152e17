package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openmoorcheh.server.ops.Version;
import org.openmoorcheh.server.service.StatusService;
import org.openmoorcheh.store.Job;

/**
 * What the web console needs beyond the original API: {@code GET /} sends browsers to
 * {@code /console/} (API clients get JSON), and {@code GET /jobs} lists recent jobs of every kind
 * with the path that reports each one's progress.
 */
public final class ConsoleHandlers {

    static final int DEFAULT_JOBS = 20;
    static final int MAX_JOBS = 200;

    record JobEntry(String jobId, String kind, String namespaceName, String status, long total, long processed,
                    long successful, long failed, long itemsDeleted, String lastError, String startedAt,
                    String updatedAt, String finishedAt, String statusPath) {

        static JobEntry of(Job job) {
            String ns = "/namespaces/" + job.namespaceName();
            String path = switch (job.kind()) {
                case UPLOAD -> ns + "/upload-jobs/" + job.jobId();
                case NAMESPACE_DELETE -> ns + "/delete-jobs/" + job.jobId();
                case FILE_INGEST, FILE_DELETE -> ns + "/file-jobs/" + job.jobId();
            };
            return new JobEntry(job.jobId(), job.kind().name().toLowerCase(Locale.ROOT), job.namespaceName(),
                    job.state().name().toLowerCase(Locale.ROOT), job.total(), job.processed(), job.successful(),
                    job.failed(), job.itemsDeleted(), job.lastError(), Timestamps.millis(job.startedAt()),
                    Timestamps.millis(job.updatedAt()), Timestamps.millis(job.finishedAt()), path);
        }
    }

    record Jobs(List<JobEntry> jobs) {
    }

    private final StatusService status;

    public ConsoleHandlers(StatusService status) {
        this.status = status;
    }

    public void root(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            ctx.redirect("/console/");
            return;
        }
        ctx.json(Map.of("status", "ok", "version", Version.current(),
                "message", "Moorcheh-compatible search server: the API is at /health, /namespaces, /search,"
                        + " /answer (and the cloud dialect under /v1); the web console at /console/."));
    }

    public void jobs(Context ctx) {
        String limit = ctx.queryParam("limit");
        int count = DEFAULT_JOBS;
        if (limit != null && !limit.isBlank()) {
            try {
                count = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_JOBS + ".");
            }
            if (count < 1) {
                throw ApiException.badRequest("'limit' must be at least 1.");
            }
        }
        ctx.json(new Jobs(status.recentJobs(Math.min(count, MAX_JOBS)).stream().map(JobEntry::of).toList()));
    }
}
