package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Function;
import org.openmoorcheh.client.MoorchehException;
import org.openmoorcheh.client.Raw;

/** Polls a job, writing a progress line to stderr whenever it changes, until it is no longer running. */
final class Waiting {

    private Waiting() {
    }

    static JsonNode poll(MoorchehCli root, Raw api, String path, Duration interval, Duration timeout,
                         Function<JsonNode, String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            JsonNode job = api.get(path);
            String line = "job " + job.path("job_id").asText() + ": " + job.path("status").asText() + ", "
                    + progress.apply(job);
            if (!line.equals(last)) {
                root.err.println(line);
                last = line;
            }
            if (!"running".equals(job.path("status").asText())) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new MoorchehException(0, "job still running after " + timeout.toSeconds()
                        + " s; check it later with the job-status command", null, null);
            }
            Thread.sleep(Math.max(1, interval.toMillis()));
        }
    }
}
