package org.openmoorcheh.server.errors;

import org.openmoorcheh.store.QuotaExceededException;

/**
 * Storing the request's new items would pass the global item cap ({@code MOORCHEH_MAX_ITEMS});
 * nothing of it was stored. Carries the store's figures, which a client needs to decide what to free.
 */
public final class ItemLimitException extends ServiceException {

    private final QuotaExceededException refusal;

    public ItemLimitException(QuotaExceededException refusal) {
        super("Item limit exceeded: " + refusal.items() + " items stored or reserved, " + refusal.requestedNew()
                + " new requested, limit " + refusal.maxItems() + ". Delete items or namespaces to free quota.", refusal);
        this.refusal = refusal;
    }

    /** Items stored or reserved by pending uploads. */
    public long items() {
        return refusal.items();
    }

    public long maxItems() {
        return refusal.maxItems();
    }

    public long requestedNew() {
        return refusal.requestedNew();
    }
}
