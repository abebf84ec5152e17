package org.openmoorcheh.store;

/** A storage failure that the caller cannot fix by changing its input (I/O, corruption, a bug). */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
