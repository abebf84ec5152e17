package org.openmoorcheh.client.model;

import java.util.Map;
import java.util.Objects;

/** A text document to upload; its metadata keys are sent beside {@code id} and {@code text}. */
public record Document(String id, String text, Map<String, Object> metadata) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Document of(String id, String text) {
        return new Document(id, text, Map.of());
    }
}
