package org.openmoorcheh.server.providers;

/**
 * A call to an embedding or LLM provider failed. The message names the provider and says why.
 * {@link #unavailable()} separates "the provider is down, busy or slow" (retrying later may help;
 * HTTP 503) from "the provider answered, but not usefully" (HTTP 502).
 */
public class ProviderException extends RuntimeException {

    private final boolean unavailable;

    public ProviderException(String message, Throwable cause, boolean unavailable) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public boolean unavailable() {
        return unavailable;
    }

    /** The HTTP status that reports this failure to our own client. */
    public int httpStatus() {
        return unavailable ? 503 : 502;
    }
}
