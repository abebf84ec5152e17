package org.openmoorcheh.store;

/**
 * The disk holding the database is full: the write was rolled back whole, everything committed
 * before is intact, and the same write succeeds once space is freed. Reads go on meanwhile.
 */
public class StoreFullException extends StoreException {

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
