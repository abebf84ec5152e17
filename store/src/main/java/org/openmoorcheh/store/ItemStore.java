package org.openmoorcheh.store;

import java.util.List;

/**
 * Stored items and the global item count. Items are added only through uploads and file versions
 * ({@link UploadStore}, {@link FileStore}), whose admission checks the cap against this count; this
 * role reads, filters and deletes them. Part of {@link Store}; its guarantees apply.
 */
public interface ItemStore {

    /** Items stored across all namespaces, including those not yet removed by a running delete job. */
    long totalItems();

    /**
     * Text and metadata (no vector) of items of a namespace, in request order, each id once; unknown
     * ids are left out. What search results and {@code items/get} need, read in one statement.
     */
    List<TextItem> describeItems(long namespaceId, List<String> ids);

    /**
     * Deletes items of a namespace by id at once, keeping its count exact.
     *
     * @return the ids that were present and are now deleted, in request order, without repeats
     */
    List<String> deleteItems(long namespaceId, List<String> ids);

    /**
     * A page of a namespace's items in id order, starting after {@code afterId} (null for the
     * first page). Keyset paging: an item present for the whole walk is returned exactly once,
     * whatever is added or deleted between pages.
     */
    List<TextItem> textItemsAfter(long namespaceId, String afterId, int limit);

    /** Ids of the namespace's items that pass the filter (evaluated in the store, over every item). */
    java.util.Set<String> matchingIds(long namespaceId, ItemFilter filter);

    /** Receives the stored vectors of a namespace, one item at a time. */
    @FunctionalInterface
    interface VectorSink {
        void accept(String id, float[] vector);
    }

    /**
     * Streams the vectors of a namespace in the order their ids were first stored (replacing an item
     * keeps its place; a deleted id stored again comes last). An index rebuilt in this order gives
     * every item the ordinal it had before.
     */
    void forEachVector(long namespaceId, VectorSink sink);
}
