package org.openmoorcheh.store;

/**
 * One entry of the change log that the nodes sharing a database follow to keep their indexes
 * current: items stored or deleted, or a namespace dropped or to be reloaded.
 *
 * @param seq the log position, increasing in commit order
 * @param itemId the item, or null for namespace-wide changes
 */
public record Change(long seq, long namespaceId, Kind kind, String itemId) {

    public enum Kind {
        /** The item was stored or replaced: read it again. */
        UPSERT,
        /** The item was deleted. */
        DELETE,
        /** The namespace is being deleted or is gone: forget its index. */
        DROP,
        /** The namespace is active again (a failed delete): rebuild its index from the store. */
        RELOAD
    }
}
