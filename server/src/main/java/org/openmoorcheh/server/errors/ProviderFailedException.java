package org.openmoorcheh.server.errors;

/** An embedding or LLM provider answered, but not usefully: retrying the same request will not help. */
public final class ProviderFailedException extends ServiceException {

    public ProviderFailedException(String message) {
        super(message, null);
    }

    public ProviderFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
