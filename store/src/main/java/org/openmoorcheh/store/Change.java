package org.openmoorcheh.store;

import java.util.List;

/**
 * One entry of the change log that the nodes sharing a database follow to keep their indexes
 * current: items stored or deleted, or a namespace dropped or to be reloaded. One write makes one
 * entry, however many items it touched.
 *
 * @param seq the log position, increasing in commit order
 * @param itemIds the items, in the order written; empty for namespace-wide changes
 */
public record Change(long seq, long namespaceId, Kind kind, List<String> itemIds) {

    public Change {
        itemIds = List.copyOf(itemIds);
    }

    public enum Kind {
        /** The items were stored or replaced: read them again. */
        UPSERT,
        /** The items were deleted. */
        DELETE,
        /** The namespace is being deleted or is gone: forget its index. */
        DROP,
        /** The namespace is active again (a failed delete): rebuild its index from the store. */
        RELOAD
    }
}
