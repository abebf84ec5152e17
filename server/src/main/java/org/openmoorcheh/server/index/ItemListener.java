package org.openmoorcheh.server.index;

import java.util.List;
import org.openmoorcheh.store.Item;

/**
 * Told about every change to stored items right after it commits, so in-memory structures (the
 * search index) follow the store without a restart. Calls come from the thread that committed;
 * implementations must be thread-safe and must not block for long.
 */
public interface ItemListener {


    /** Items were inserted or replaced in a namespace. */
    default void stored(long namespaceId, List<Item> items) {
    }

    /** Items were deleted from a namespace. */
    default void deleted(long namespaceId, List<String> ids) {
    }

    /** A namespace and all its items are gone. */
    default void dropped(long namespaceId) {
    }
}
