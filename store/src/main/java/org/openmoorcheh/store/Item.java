package org.openmoorcheh.store;

import java.util.Objects;

/**
 * One stored item of a namespace.
 *
 * @param id the client's id, unique within its namespace
 * @param text the document text; null for vector items
 * @param metadataJson the item's metadata as a JSON object text (opaque to the store)
 * @param vector the embedding or client vector; never exposed on the wire
 * @param isSummary true for file summary chunks
 */
public record Item(String id, String text, String metadataJson, float[] vector, boolean isSummary) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(vector, "vector");
    }
}
