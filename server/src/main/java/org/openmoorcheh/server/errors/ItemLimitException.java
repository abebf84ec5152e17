package org.openmoorcheh.server.errors;

/**
 * Storing the request's new items would pass the global item cap ({@code MOORCHEH_MAX_ITEMS});
 * nothing of it was stored. Carries the figures a client needs to decide what to free.
 */
public final class ItemLimitException extends ServiceException {

    private final long items;
    private final long maxItems;
    private final long requestedNew;

    public ItemLimitException(long items, long maxItems, long requestedNew) {
        super("Item limit exceeded: " + items + " items stored or reserved, " + requestedNew
                + " new requested, limit " + maxItems + ". Delete items or namespaces to free quota.", null);
        this.items = items;
        this.maxItems = maxItems;
        this.requestedNew = requestedNew;
    }

    /** Items stored or reserved by pending uploads. */
    public long items() {
        return items;
    }

    public long maxItems() {
        return maxItems;
    }

    public long requestedNew() {
        return requestedNew;
    }
}
