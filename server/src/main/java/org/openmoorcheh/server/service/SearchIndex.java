package org.openmoorcheh.server.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openmoorcheh.engine.index.Calibration;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.store.IndexCalibration;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine indexes of all namespaces, kept current from committed changes (as the
 * {@link ItemListener}) and rebuilt from the store at start-up. Everything here is derived data: the
 * store can always rebuild it.
 */
public final class SearchIndex implements ItemListener {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final Store store;
    private final Map<Long, NamespaceIndex> indexes = new ConcurrentHashMap<>();
    /** Items added to the index since start (re-uploads count again); not the rebuild. */
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();

    public SearchIndex(Store store) {
        this.store = store;
    }

    /** Loads every active namespace's vectors from the store; call before serving. */
    public void rebuild() {
        long started = System.nanoTime();
        long items = 0;
        for (Namespace namespace : store.listActiveNamespaces()) {
            List<String> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            store.forEachVector(namespace.id(), (id, vector) -> {
                ids.add(id);
                vectors.add(vector);
                if (ids.size() == 10_000) {
                    add(namespace.id(), ids, vectors);
                    ids.clear();
                    vectors.clear();
                }
            });
            add(namespace.id(), ids, vectors);
            items += indexFor(namespace.id()).map(NamespaceIndex::size).orElse(0);
        }
        LOG.info("search index rebuilt: {} items in {} ms", items, (System.nanoTime() - started) / 1_000_000);
    }

    /** The index of a namespace, or empty when it holds no items yet. */
    public Optional<NamespaceIndex> indexFor(long namespaceId) {
        return Optional.ofNullable(indexes.get(namespaceId));
    }

    /** Items made searchable since start by uploads and file jobs. */
    public long itemsStored() {
        return stored.get();
    }

    /** Bytes of binary codes on the heap, over all namespaces. */
    public long codeBytes() {
        return indexes.values().stream().mapToLong(NamespaceIndex::codeBytes).sum();
    }

    /** Bytes of full-precision vectors off the heap, over all namespaces. */
    public long vectorBytes() {
        return indexes.values().stream().mapToLong(NamespaceIndex::offHeapBytes).sum();
    }

    @Override
    public void stored(long namespaceId, List<Item> items) {
        stored.addAndGet(items.size());
        add(namespaceId, items.stream().map(Item::id).toList(), items.stream().map(Item::vector).toList());
    }

    private void add(long namespaceId, List<String> ids, List<float[]> vectors) {
        if (ids.isEmpty()) {
            return;
        }
        NamespaceIndex index = indexes.computeIfAbsent(namespaceId, id -> new NamespaceIndex(vectors.get(0).length,
                store.findCalibration(id).map(saved -> new Calibration(saved.thresholds(), saved.calibratedAt()))
                        .orElse(null)));
        index.upsert(ids, vectors);
        index.calibrateIfDue().ifPresent(calibration -> {
            store.saveCalibration(namespaceId,
                    new IndexCalibration(calibration.thresholds(), calibration.calibratedAt()));
            LOG.info("namespace {} recalibrated at {} items", namespaceId, calibration.calibratedAt());
        });
    }

    @Override
    public void deleted(long namespaceId, List<String> ids) {
        NamespaceIndex index = indexes.get(namespaceId);
        if (index != null) {
            index.delete(ids);
        }
    }

    @Override
    public void dropped(long namespaceId) {
        indexes.remove(namespaceId);
    }
}
