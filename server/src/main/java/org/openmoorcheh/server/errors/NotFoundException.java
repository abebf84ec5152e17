package org.openmoorcheh.server.errors;

/** The request names something that does not exist: a namespace, a job, a file, a key. */
public final class NotFoundException extends ServiceException {

    public NotFoundException(String message) {
        super(message, null);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
