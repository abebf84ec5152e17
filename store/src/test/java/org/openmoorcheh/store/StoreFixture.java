package org.openmoorcheh.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every role's contract test starts from: a fresh store of one implementation (its
 * {@link StoreBackend}), closed after each test, and helpers to fill it.
 */
public abstract class StoreFixture {

    protected static final Instant T0 = Instant.parse("2026-05-21T12:00:00.000Z");

    private final StoreBackend backend;
    protected Store store;

    protected StoreFixture(StoreBackend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void open() {
        store = backend.openFresh();
    }

    @AfterEach
    void close() {
        store.close();
        backend.discard();
    }

    protected StoreBackend backend() {
        return backend;
    }

    /** Closes the store and opens a new one on the same data: what a restart sees. */
    protected Store reopen(Store current) {
        return backend.reopen(current);
    }

    /**
     * Stores items the way an upload of client vectors does (one job, admitted and applied, no cap)
     * and returns how many of their ids were new.
     */
    protected int put(long namespaceId, List<Item> items, Instant now) {
        long before = store.totalItems();
        store.applyUpload(namespaceId, "put-" + UUID.randomUUID(), items, Long.MAX_VALUE, now).orElseThrow();
        return (int) (store.totalItems() - before);
    }

    /** The stored vector of an item, or null. */
    protected float[] vectorOf(long namespaceId, String id) {
        float[][] found = {null};
        store.forEachVector(namespaceId, (itemId, vector) -> {
            if (itemId.equals(id)) {
                found[0] = vector;
            }
        });
        return found[0];
    }

    protected static Item vectorItem(String id, float value) {
        return new Item(id, null, "{}", new float[] {value, value}, false);
    }

    protected static List<Item> items(int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(vectorItem("item-" + i, i));
        }
        return items;
    }
}
