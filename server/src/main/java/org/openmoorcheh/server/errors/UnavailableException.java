package org.openmoorcheh.server.errors;

/** A service the request needs is missing or down for now (no LLM configured, a provider unreachable or busy): retrying later may help. */
public final class UnavailableException extends ServiceException {

    public UnavailableException(String message) {
        super(message, null);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
