package org.openmoorcheh.server.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.index.Calibration;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.store.IndexCalibration;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.TextItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine indexes of all namespaces, kept current from committed changes (as the
 * {@link ItemListener}) and rebuilt from the store at start-up. Everything here is derived data: the
 * store can always rebuild it.
 *
 * <p>Every namespace has a vector index, which also holds its items' typed metadata (what
 * structured filters read); a text namespace also has a lexical (BM25) index of the same items.
 * Both follow the same calls: an item is in both or in neither once a change has
 * returned (the vector index is updated first, then the words; a search running between the two
 * sees the item by meaning only, as it would have a moment earlier).
 *
 * <p>Index maintenance (recalibrating the codes as a namespace doubles, reclaiming deleted slots) is
 * O(items), so it runs on one thread of its own, {@code moorcheh-index-maintenance}, outside the
 * {@link WriteOrder}: writes to other namespaces never wait for it, and searches and writes of its
 * namespace wait at most one chunk of it ({@link NamespaceIndex#maintain()}). At most one task per
 * namespace is queued at a time. The rebuild at start-up maintains each namespace on the calling
 * thread, before serving.
 */
public final class SearchIndex implements ItemListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final Store store;
    private final Map<Long, NamespaceIndex> indexes = new ConcurrentHashMap<>();
    private final Map<Long, LexicalIndex> lexicalIndexes = new ConcurrentHashMap<>();
    /** Items added to the index since start (re-uploads count again); not the rebuild. */
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();

    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "moorcheh-index-maintenance");
        thread.setDaemon(true);
        return thread;
    });
    /** Namespaces with a maintenance task queued and not started: the queue holds one per namespace at most. */
    private final Set<Long> maintenanceQueued = ConcurrentHashMap.newKeySet();
    private volatile Runnable catchUp = () -> { };

    public SearchIndex(Store store) {
        this.store = store;
    }

    /** Loads every active namespace's vectors, and the words of text namespaces, from the store; call before serving. */
    public void rebuild() {
        long started = System.nanoTime();
        long items = 0;
        long words = 0;
        for (Namespace namespace : store.listActiveNamespaces()) {
            int[] counts = rebuild(namespace);
            items += counts[0];
            words += counts[1];
        }
        LOG.info("search index rebuilt: {} items ({} with words) in {} ms", items, words,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Loads one namespace from the store; returns its items and its items with words. */
    private int[] rebuild(Namespace namespace) {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        store.forEachVector(namespace.id(), (id, vector) -> {
            ids.add(id);
            vectors.add(vector);
            if (ids.size() == 10_000) {
                add(namespace.id(), ids, vectors);
                indexFor(namespace.id()).ifPresent(index -> maintain(namespace.id(), index));
                ids.clear();
                vectors.clear();
            }
        });
        add(namespace.id(), ids, vectors);
        indexFor(namespace.id()).ifPresent(index -> maintain(namespace.id(), index));
        int words = rebuildFields(namespace);
        return new int[] {indexFor(namespace.id()).map(NamespaceIndex::size).orElse(0), words};
    }

    /**
     * Rebuilds every namespace from the store, forgetting those no longer active: for a node that
     * can no longer follow the change log. Each namespace is replaced whole in turn.
     */
    public void resync() {
        long started = System.nanoTime();
        Set<Long> active = new java.util.HashSet<>();
        for (Namespace namespace : store.listActiveNamespaces()) {
            active.add(namespace.id());
            dropped(namespace.id());
            rebuild(namespace);
        }
        Set<Long> known = new java.util.HashSet<>(indexes.keySet());
        known.addAll(lexicalIndexes.keySet());
        known.removeAll(active);
        known.forEach(this::dropped);
        LOG.info("search index rebuilt from the store: {} namespaces in {} ms", active.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Rebuilds a namespace from the store if it is active (a failed delete handed it back), else
     * forgets it.
     */
    public void reload(long namespaceId) {
        dropped(namespaceId);
        store.findNamespaceById(namespaceId).filter(Namespace::isActive).ifPresent(this::rebuild);
    }

    /** Makes {@link #catchUp()} run {@code catchUp}: set when other nodes write the same database. */
    public void follow(Runnable catchUp) {
        this.catchUp = catchUp;
    }

    /**
     * Brings the index up to every change committed so far by any node; a no-op on a database of
     * one node, whose changes reach the index as they commit. Called before each search.
     */
    public void catchUp() {
        catchUp.run();
    }

    /** Loads the metadata of every item, and the words of a text namespace's; returns the items with words. */
    private int rebuildFields(Namespace namespace) {
        long namespaceId = namespace.id();
        boolean text = namespace.type() == NamespaceType.TEXT;
        int count = 0;
        String after = null;
        while (true) {
            List<TextItem> page = store.textItemsAfter(namespaceId, after, 10_000);
            if (page.isEmpty()) {
                return count;
            }
            NamespaceIndex vectors = indexes.get(namespaceId);
            if (vectors != null) {
                vectors.setFields(page.stream().map(TextItem::id).toList(),
                        page.stream().map(item -> MetadataFields.of(item.metadataJson())).toList());
            }
            List<TextItem> texts = text ? page.stream().filter(item -> item.text() != null).toList() : List.of();
            if (!texts.isEmpty()) {
                lexical(namespaceId).upsert(texts.stream().map(TextItem::id).toList(),
                        texts.stream().map(TextItem::text).toList());
                count += texts.size();
            }
            after = page.get(page.size() - 1).id();
        }
    }


    private LexicalIndex lexical(long namespaceId) {
        return lexicalIndexes.computeIfAbsent(namespaceId, id -> new LexicalIndex());
    }

    /** The lexical index of a text namespace, or empty when it holds no text items yet. */
    public Optional<LexicalIndex> lexicalFor(long namespaceId) {
        return Optional.ofNullable(lexicalIndexes.get(namespaceId));
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
        add(namespaceId, items.stream().map(Item::id).toList(), items.stream().map(Item::vector).toList(),
                items.stream().map(item -> MetadataFields.of(item.metadataJson())).toList());
        indexFor(namespaceId).ifPresent(index -> scheduleMaintenance(namespaceId, index));
        List<Item> texts = items.stream().filter(item -> item.text() != null).toList();
        if (!texts.isEmpty()) {
            lexical(namespaceId).upsert(texts.stream().map(Item::id).toList(), texts.stream().map(Item::text).toList());
        }
    }

    private void add(long namespaceId, List<String> ids, List<float[]> vectors) {
        add(namespaceId, ids, vectors, null);
    }

    /** @param fields the items' metadata values, or null to leave them (the rebuild sets them apart) */
    private void add(long namespaceId, List<String> ids, List<float[]> vectors, List<Map<String, FieldValue>> fields) {
        if (ids.isEmpty()) {
            return;
        }
        NamespaceIndex index = indexes.computeIfAbsent(namespaceId, id -> new NamespaceIndex(vectors.get(0).length,
                store.findCalibration(id).map(saved -> new Calibration(saved.thresholds(), saved.calibratedAt()))
                        .orElse(null)));
        index.upsert(ids, vectors, fields);
    }

    private void scheduleMaintenance(long namespaceId, NamespaceIndex index) {
        if (index.maintenanceDue() && maintenanceQueued.add(namespaceId)) {
            maintenance.execute(() -> {
                maintenanceQueued.remove(namespaceId);
                maintain(namespaceId, index);
            });
        }
    }

    /** Recalibrates or reclaims if due; a new calibration is saved so a rebuild encodes the same codes. */
    private void maintain(long namespaceId, NamespaceIndex index) {
        long started = System.nanoTime();
        try {
            index.maintain().ifPresent(calibration -> {
                if (indexes.get(namespaceId) != index) {
                    return;
                }
                store.saveCalibration(namespaceId,
                        new IndexCalibration(calibration.thresholds(), calibration.calibratedAt()));
                LOG.info("namespace {} recalibrated at {} items in {} ms", namespaceId, calibration.calibratedAt(),
                        (System.nanoTime() - started) / 1_000_000);
            });
        } catch (RuntimeException e) {
            // The index stays usable with its old codes; the next write schedules another attempt.
            LOG.error("index maintenance of namespace {} failed", namespaceId, e);
        }
    }

    @Override
    public void deleted(long namespaceId, List<String> ids) {
        NamespaceIndex index = indexes.get(namespaceId);
        if (index != null) {
            index.delete(ids);
            scheduleMaintenance(namespaceId, index);
        }
        LexicalIndex words = lexicalIndexes.get(namespaceId);
        if (words != null) {
            words.delete(ids);
        }
    }

    @Override
    public void dropped(long namespaceId) {
        indexes.remove(namespaceId);
        LexicalIndex words = lexicalIndexes.remove(namespaceId);
        if (words != null) {
            words.close();
        }
    }

    /** Releases the lexical indexes (their memory is on the heap; this closes Lucene's writers). */
    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            // A pass under way finishes its chunks (they do not check interruption): seconds at most.
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lexicalIndexes.values().forEach(LexicalIndex::close);
        lexicalIndexes.clear();
    }
}
