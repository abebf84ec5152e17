package org.openmoorcheh.store;

import java.util.Objects;

/**
 * One not-yet-applied entry of an upload job's durable payload.
 *
 * @param position the entry's index in the upload request; entries are applied in this order, so
 *     the last entry of a repeated id wins
 * @param text the document text (text uploads), or null
 * @param vector the client's vector (vector uploads), or null until the text is embedded
 */
public record PendingItem(int position, String id, String text, String metadataJson, float[] vector) {

    public PendingItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadataJson, "metadataJson");
        if (text == null && vector == null) {
            throw new IllegalArgumentException("a pending item needs a text or a vector");
        }
    }
}
