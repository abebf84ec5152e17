package org.openmoorcheh.server.errors;

/** The server has as much queued work as it accepts: nothing was admitted; the same request may succeed shortly. */
public final class BusyException extends ServiceException {

    public BusyException(String message) {
        super(message, null);
    }
}
