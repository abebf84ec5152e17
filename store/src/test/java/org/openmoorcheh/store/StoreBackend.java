package org.openmoorcheh.store;

/** How a contract test opens one implementation of {@link Store}. */
public interface StoreBackend {

    /** Opens a store on fresh, empty data. */
    Store openFresh();

    /** Closes {@code current} and opens a new store on the same data (to check durability). */
    Store reopen(Store current);

    /** Removes what {@link #openFresh} made, after the store is closed. */
    void discard();

    /** Opens a second store on the same data, as another node would (only where {@link #sharedByNodes()}). */
    default Store openSibling() {
        throw new UnsupportedOperationException("one store per database here");
    }

    /** Whether the database may be shared by several nodes, so the store keeps a change log. */
    default boolean sharedByNodes() {
        return false;
    }
}
