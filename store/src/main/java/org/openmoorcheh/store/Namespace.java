package org.openmoorcheh.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A namespace as stored.
 *
 * @param id internal key; never reused, so a re-created name never sees the old items
 * @param name the user-visible name, unique among all stored namespaces
 * @param vectorDimension the fixed dimension of a vector namespace; null for text namespaces
 * @param itemCount items currently stored in the namespace
 * @param embedding the space of a text namespace's vectors; null for vector namespaces and for text
 *     namespaces created before the space was recorded (schema version 3)
 */
public record Namespace(
        long id,
        String name,
        NamespaceType type,
        Integer vectorDimension,
        NamespaceState state,
        long itemCount,
        Instant createdAt,
        EmbeddingSpace embedding) {

    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isActive() {
        return state == NamespaceState.ACTIVE;
    }
}
