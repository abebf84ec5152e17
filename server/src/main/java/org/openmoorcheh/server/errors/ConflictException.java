package org.openmoorcheh.server.errors;

/** The request contradicts what is stored: a name taken, a namespace being deleted, another embedding model. */
public final class ConflictException extends ServiceException {

    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
