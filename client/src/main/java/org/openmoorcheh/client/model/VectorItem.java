package org.openmoorcheh.client.model;

import java.util.Map;
import java.util.Objects;

/** A vector to upload; its metadata keys are sent beside {@code id} and {@code vector}. */
public record VectorItem(String id, float[] vector, Map<String, Object> metadata) {

    public VectorItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static VectorItem of(String id, float... vector) {
        return new VectorItem(id, vector, Map.of());
    }
}
