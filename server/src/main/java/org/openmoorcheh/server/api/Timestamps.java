package org.openmoorcheh.server.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The two timestamp formats of the API (spec 1.4): ISO 8601 UTC with milliseconds or seconds. */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code 2026-05-21T12:00:00.000Z}, or null for null (upload, delete jobs, namespaces, items). */
    public static String millis(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    /** {@code 2026-06-05T18:53:24Z}, or null for null (file jobs and the file registry). */
    public static String seconds(Instant instant) {
        return instant == null ? null : SECONDS.format(instant);
    }
}
