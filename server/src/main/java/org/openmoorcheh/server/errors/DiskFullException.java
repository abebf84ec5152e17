package org.openmoorcheh.server.errors;

/** The server's disk is full: nothing of the request was kept; the same request succeeds once space is freed. */
public final class DiskFullException extends ServiceException {

    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
