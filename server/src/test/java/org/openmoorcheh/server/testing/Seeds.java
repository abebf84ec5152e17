package org.openmoorcheh.server.testing;

import java.util.ArrayList;
import java.util.List;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.Store;

/** Puts items straight into a stopped server's store, for tests of endpoints that only read or delete. */
public final class Seeds {

    private Seeds() {
    }

    /** Adds {@code count} vectors of the namespace's dimension, ids {@code prefix-0 ...}. */
    public static void vectors(Store store, String namespace, String prefix, int count) {
        Namespace ns = store.findNamespace(namespace).orElseThrow();
        int dimension = ns.vectorDimension() == null ? 4 : ns.vectorDimension();
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[dimension];
            vector[i % dimension] = 1f + i;
            batch.add(new Item(prefix + "-" + i, null, "{}", vector, false));
            if (batch.size() == 1000) {
                store.applyUpload(ns.id(), "seed-" + java.util.UUID.randomUUID(), batch,
                        Long.MAX_VALUE, java.time.Instant.now()).orElseThrow();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.applyUpload(ns.id(), "seed-" + java.util.UUID.randomUUID(), batch,
                    Long.MAX_VALUE, java.time.Instant.now()).orElseThrow();
        }
    }
}
