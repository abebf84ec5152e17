package org.openmoorcheh.server.providers;

/** An embedding provider could not embed a batch; the message says which provider and why. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EmbeddingException(String message) {
        super(message);
    }
}
