package org.openmoorcheh.store;

import java.util.Objects;

/**
 * The embedding provider and model a text namespace's vectors were made with. Vectors from two
 * different models live in different spaces: comparing them returns confident nonsense, so a text
 * namespace only accepts uploads and queries embedded in the space it was created in.
 */
public record EmbeddingSpace(String provider, String model) {

    public EmbeddingSpace {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
