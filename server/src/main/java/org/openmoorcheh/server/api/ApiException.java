package org.openmoorcheh.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type that becomes an HTTP error response: a status code, a human-readable message
 * (always non-empty) and optional extra top-level fields (the quota 409 carries {@code items},
 * {@code max_items} and {@code requested_new}). The envelope word ({@code failure} or {@code error})
 * is chosen by {@link ErrorMapping} from the endpoint, not by the thrower.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> extra;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> extra) {
        super(message);
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("an API error needs a message");
        }
        this.status = status;
        this.extra = new LinkedHashMap<>(extra);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public int status() {
        return status;
    }

    /** Extra top-level fields of the error body, in insertion order. */
    public Map<String, Object> extra() {
        return Map.copyOf(extra);
    }
}
