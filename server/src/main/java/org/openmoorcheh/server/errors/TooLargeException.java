package org.openmoorcheh.server.errors;

/** The request carries more than a limit allows (a file past {@code MOORCHEH_MAX_FILE_BYTES}). */
public final class TooLargeException extends ServiceException {

    public TooLargeException(String message) {
        super(message, null);
    }

    public TooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
