package org.openmoorcheh.engine.index;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.score.Hit;

/**
 * The search index of one namespace: a {@link CodeTable} of slots, the thresholds its codes were
 * encoded with, the {@link CodeScan} that searches it, and the lock that guards them.
 *
 * <p>Codes ({@code D/8} bytes per item) live on the heap; full-precision vectors live off-heap and
 * are read only for candidates. Every live code is scanned at each search (no approximate structure,
 * so new items are searchable at once).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Live slots keep the order in which their ids were first stored ({@link CodeTable}); dead
 *       slots are reclaimed by {@link #maintain()} ({@link SlotReclaim}).</li>
 *   <li>Results are a function of the data, the thresholds and the query: candidate ties are cut by
 *       ordinal, result ties by id, and the parallel scan merges per-range results in range order,
 *       so the thread count never changes an answer.</li>
 *   <li>Thresholds change only at {@link #calibrateIfDue()} ({@link Recalibration}), never
 *       implicitly, and every code is encoded with the thresholds in force.</li>
 * </ul>
 *
 * <p>Thread-safe: searches share the read lock; writes take the write lock for their in-memory
 * update only; maintenance takes either for one chunk of slots at a time (CalibrationPauseBench).
 */
public final class NamespaceIndex {

    /** Items a namespace must hold before its thresholds are estimated from the data. */
    public static final int MIN_CALIBRATION = 1024;
    /** Slots a maintenance step handles per lock: about a millisecond of work. */
    static final int MAINTENANCE_CHUNK = 4096;

    private final int dimension;
    private final CodeTable table;
    private final CodeScan scan;
    /**
     * Fair, so that maintenance, which releases and takes the lock again at every chunk, lets the
     * searches and writes queued meanwhile go first: unfair, it took the lock straight back and a
     * reclaim held searches for 300 ms (CalibrationPauseBench).
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    /** Serialises maintenance passes: a recalibration and a reclaim must not interleave. */
    private final ReentrantLock maintenance = new ReentrantLock();
    private final Recalibration recalibration;
    /** The thresholds every code is encoded with; replaced only under the write lock, with the codes. */
    private float[] thresholds;
    private int calibratedAt;

    /** @param calibration thresholds restored from an earlier run, or null to start at zero */
    public NamespaceIndex(int dimension, Calibration calibration) {
        this(dimension, calibration, CodeScan.HEAD_SCAN_SPLIT_MIN);
    }

    /** As above, the head scan of long codes split over the pool from {@code headScanSplitMin} codes (tests). */
    NamespaceIndex(int dimension, Calibration calibration, int headScanSplitMin) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        if (calibration != null) {
            checkDimension(calibration.thresholds(), "calibration");
        }
        this.table = new CodeTable(dimension, CodeTable.headWordsFor(dimension));
        this.scan = new CodeScan(table, headScanSplitMin);
        this.recalibration = new Recalibration(table, lock, dimension);
        this.thresholds = calibration == null ? new float[dimension] : calibration.thresholds().clone();
        this.calibratedAt = calibration == null ? 0 : calibration.calibratedAt();
    }

    public int dimension() {
        return dimension;
    }

    /** Live items. */
    public int size() {
        return read(() -> table.liveCount());
    }

    /** Adds or replaces items, in order (a repeated id ends with its last vector); their metadata stays. */
    public void upsert(List<String> itemIds, List<float[]> itemVectors) {
        upsert(itemIds, itemVectors, null);
    }

    /**
     * Adds or replaces items with their metadata values (what filters read), in order (a repeated id
     * ends with its last vector).
     *
     * @param itemFields the values of each item, replacing its old ones; null leaves them as they are
     * @throws IllegalArgumentException when a vector has the wrong dimension (nothing is changed)
     */
    public void upsert(List<String> itemIds, List<float[]> itemVectors, List<Map<String, FieldValue>> itemFields) {
        if (itemIds.size() != itemVectors.size() || itemFields != null && itemFields.size() != itemIds.size()) {
            throw new IllegalArgumentException(itemIds.size() + " ids but " + itemVectors.size() + " vectors");
        }
        for (float[] vector : itemVectors) {
            checkDimension(vector, "vector");
        }
        long[] code = new long[table.words];
        lock.writeLock().lock();
        try {
            for (int i = 0; i < itemIds.size(); i++) {
                int ordinal = table.put(itemIds.get(i), itemVectors.get(i), thresholds, code);
                assert itemIds.get(i).equals(table.id(ordinal)) : "slot " + ordinal + " holds " + table.id(ordinal);
                if (itemFields != null) {
                    table.setFields(ordinal, itemFields.get(i));
                }
                recalibration.noteWritten(ordinal);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the metadata values of known items (the rebuild reads them apart from the vectors); unknown ids are ignored. */
    public void setFields(List<String> itemIds, List<Map<String, FieldValue>> itemFields) {
        write(() -> table.setFieldsOf(itemIds, itemFields));
    }

    /**
     * The ids of the live items whose metadata passes {@code filter} (every live item for null), in
     * slot order: what a lexical search and a delete by filter need.
     */
    public List<String> matchingIds(MetadataFilter filter) {
        return read(() -> table.liveIds(filter));
    }

    /** Removes items; unknown ids are ignored. A removed id that comes back takes a new slot at the end. */
    public void delete(Collection<String> itemIds) {
        write(() -> itemIds.forEach(table::remove));
    }

    /** The thresholds in force and the count they were computed at. */
    public Calibration calibration() {
        return read(() -> new Calibration(thresholds.clone(), calibratedAt));
    }

    /** Whether {@link #maintain()} has work to do: a cheap check for whoever schedules it. */
    public boolean maintenanceDue() {
        return read(() -> calibrationDue() || SlotReclaim.due(table));
    }

    private boolean calibrationDue() {
        return table.liveCount() >= Math.max(MIN_CALIBRATION, 2L * calibratedAt);
    }

    /**
     * Reclaims dead slots if due, then recalibrates if due. Meant for a background thread: it may run
     * beside searches and writes, which wait at most one chunk.
     *
     * @return the new calibration when one was made
     */
    public Optional<Calibration> maintain() {
        maintenance.lock();
        try {
            SlotReclaim.runIfDue(table, lock);
            return calibrateIfDue();
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Re-estimates the thresholds and re-encodes every code ({@link Recalibration}) when the namespace
     * holds at least {@link #MIN_CALIBRATION} items and has doubled since the last estimate. Doubling
     * keeps the total re-encoding work linear in the items added.
     *
     * @return the new calibration when one was made
     */
    public Optional<Calibration> calibrateIfDue() {
        maintenance.lock();
        try {
            Integer n = read(() -> calibrationDue() ? table.count() : null);
            if (n == null) {
                return Optional.empty();
            }
            return Optional.of(recalibration.run(n, (fresh, seen) -> {
                thresholds = fresh;
                calibratedAt = seen;
            }));
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * The best {@code topK} items for the query, best first.
     *
     * <p>Candidates are rescored with their exact cosine, for codes of up to 384 bits in the order of
     * their estimates' bounds until no better one can be left ({@link Estimator}), for longer codes
     * in Hamming order until the {@link StoppingRule} says few are ({@link CodeScan}; SCORING.md,
     * step 3).
     *
     * @param admitted ids a filter lets through, or null for all; candidates come only from these,
     *     so a selective filter still fills {@code topK} when that many items pass it
     * @param pool threads for the scan of large namespaces; {@code parallelism} ranges are scanned
     * @return at most {@code topK} hits; never null
     * @throws IllegalArgumentException when the query has the wrong dimension
     */
    public List<Hit> search(float[] query, int topK, Set<String> admitted, ExecutorService pool, int parallelism) {
        return search(query, topK, admitted, null, pool, parallelism);
    }

    /**
     * Full-precision vectors the calling thread's last search read (candidates rescored): what the
     * code estimates could not rule out. For benchmarks.
     */
    public static int vectorsReadByLastSearch() {
        return SearchScratch.lastRescored();
    }

    /** As {@link #search(float[], int, Set, ExecutorService, int)}; candidates also pass {@code filter} (if not null). */
    public List<Hit> search(float[] query, int topK, Set<String> admitted, MetadataFilter filter, ExecutorService pool,
                            int parallelism) {
        return search(query, topK, Double.NEGATIVE_INFINITY, admitted, filter, pool, parallelism);
    }

    /**
     * As {@link #search(float[], int, Set, MetadataFilter, ExecutorService, int)}, for a caller that
     * wants no hit whose cosine is below {@code floor} (a hybrid search knows a score no item under it
     * can reach): the best {@code topK} hits at or above the floor are found as without it, with fewer
     * candidates read; hits below it may be left out or returned.
     */
    public List<Hit> search(float[] query, int topK, double floor, Set<String> admitted, MetadataFilter filter,
                            ExecutorService pool, int parallelism) {
        checkDimension(query, "query");
        if (Double.isNaN(floor)) {
            throw new IllegalArgumentException("floor is NaN");
        }
        // Rounded down to a float, so no cosine at or above the floor is ever taken for one under it.
        float lowest = (float) floor;
        if (lowest > floor) {
            lowest = Math.nextDown(lowest);
        }
        if (topK < 1) {
            return List.of();
        }
        SearchScratch scratch = SearchScratch.get();
        lock.readLock().lock();
        try {
            int n = table.count();
            boolean[] allowed = table.liveFlags();
            int allowedCount = table.liveCount();
            if (admitted != null || filter != null) {
                allowed = scratch.allowed(n);
                allowedCount = table.markAllowed(admitted, filter, allowed);
            }
            try {
                return allowedCount == 0 ? List.of()
                        : scan.search(query, thresholds, topK, lowest, allowed, allowedCount, scratch, pool,
                                parallelism);
            } finally {
                if (admitted != null || filter != null) {
                    Arrays.fill(allowed, 0, n, false);
                }
                scratch.release();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Exact hits for named items, whatever their rank: how a hybrid search scores the items that
     * only its lexical list found. Unknown or deleted ids are absent; order follows {@code itemIds}.
     *
     * @throws IllegalArgumentException when the query has the wrong dimension
     */
    public List<Hit> exact(float[] query, Collection<String> itemIds) {
        checkDimension(query, "query");
        return read(() -> table.exact(query, itemIds));
    }

    /** The stored vectors (float32, as written) of the named live items; unknown or deleted ids are absent. */
    public Map<String, float[]> vectors(Collection<String> itemIds) {
        return read(() -> table.vectors(itemIds));
    }

    /** The table, for tests that check its invariants or compare it with a rebuild (single-threaded). */
    CodeTable table() {
        return table;
    }

    /** Off-heap bytes held for full-precision vectors. */
    public long offHeapBytes() {
        return read(() -> table.offHeapBytes());
    }

    /** Heap bytes held for codes. */
    public long codeBytes() {
        return read(() -> table.codeBytes());
    }

    private void checkDimension(float[] vector, String what) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(what + " has " + vector.length + " dimensions, index has " + dimension);
        }
    }

    /** Runs a read of the table under the read lock (not for the search path: it allocates). */
    private <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable writing) {
        lock.writeLock().lock();
        try {
            writing.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
