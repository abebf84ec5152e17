package org.openmoorcheh.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A call the server refused or could not answer. {@link #status()} is the HTTP status (0 when the
 * server could not be reached or a wait timed out), {@link #body()} the parsed error body when
 * there was one, and the message the server's {@code message}.
 */
public class MoorchehException extends RuntimeException {

    private final int status;
    private final transient JsonNode body;

    public MoorchehException(int status, String message, JsonNode body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The error body as the server sent it, or null. */
    public JsonNode body() {
        return body;
    }

    /** True for the 409 of an upload that would pass the server's item limit ({@code items}, {@code max_items}, {@code requested_new} in the body). */
    public boolean isItemLimitExceeded() {
        return status == 409 && body != null && body.has("max_items");
    }
}
