package org.openmoorcheh.store;

/**
 * Thrown when admitting an upload would pass the global item cap; nothing of the upload is stored.
 *
 * @see Store#admitUpload
 */
public class QuotaExceededException extends RuntimeException {

    private final long items;
    private final long maxItems;
    private final long requestedNew;

    public QuotaExceededException(long items, long maxItems, long requestedNew) {
        super("item limit exceeded: " + items + " stored or reserved, " + requestedNew
                + " new requested, limit " + maxItems);
        this.items = items;
        this.maxItems = maxItems;
        this.requestedNew = requestedNew;
    }

    /** Items stored plus those reserved by unfinished uploads when the upload was refused. */
    public long items() {
        return items;
    }

    public long maxItems() {
        return maxItems;
    }

    /** Distinct ids of the refused upload that were not yet in the namespace. */
    public long requestedNew() {
        return requestedNew;
    }
}
