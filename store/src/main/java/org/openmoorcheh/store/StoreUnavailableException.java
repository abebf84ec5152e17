package org.openmoorcheh.store;

/**
 * The database cannot be reached now (stopped, restarting, the network down, every connection
 * busy past the wait): nothing was done, and the same call may succeed once it is back. Only a
 * database shared over the network raises it; the message names no host or password.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
