package org.openmoorcheh.server.providers;

/** An embedding provider could not embed a batch; the message says which provider and why. */
public class EmbeddingException extends ProviderException {

    public EmbeddingException(String message, Throwable cause, boolean unavailable) {
        super(message, cause, unavailable);
    }

    public EmbeddingException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EmbeddingException(String message) {
        this(message, null, false);
    }
}
