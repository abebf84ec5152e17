package org.openmoorcheh.server.service;

import java.util.Objects;

/**
 * One validated entry of an upload: a document ({@code text}) or a vector ({@code vector}), never
 * both. Its metadata is a JSON object text built from the entry's extra keys.
 */
public record UploadEntry(String id, String text, float[] vector, String metadataJson) {

    public UploadEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadataJson, "metadataJson");
        if ((text == null) == (vector == null)) {
            throw new IllegalArgumentException("an upload entry has a text or a vector");
        }
    }
}
