package org.openmoorcheh.store;

import java.util.List;

/**
 * What a worker made of a chunk of an upload's payload: the items to store and the positions that
 * failed, each with its reason. Every position of the chunk appears exactly once.
 */
public record ChunkOutcome(List<Positioned> stored, List<Failure> failures) {

    /** An item ready to store, with its payload position. */
    public record Positioned(int position, Item item) {
    }

    /** A payload entry that could not be stored. */
    public record Failure(int position, String itemId, String error) {
    }

    public ChunkOutcome {
        stored = List.copyOf(stored);
        failures = List.copyOf(failures);
    }

    public int size() {
        return stored.size() + failures.size();
    }
}
