package org.openmoorcheh.server.jobs;

import java.util.UUID;

/** Job ids as the original server makes them: {@code job-} and the 32 hex digits of a random UUID. */
public final class JobIds {

    private JobIds() {
    }

    public static String next() {
        return "job-" + UUID.randomUUID().toString().replace("-", "");
    }
}
