package org.openmoorcheh.server.errors;

/** The server could not do what it accepted to try (a file it could not store); the log has the details, the message none of them. */
public final class InternalException extends ServiceException {

    public InternalException(String message) {
        super(message, null);
    }

    public InternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
