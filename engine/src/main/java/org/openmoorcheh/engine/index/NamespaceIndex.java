package org.openmoorcheh.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataColumns;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.RelevanceScale;

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
 *       slots are reclaimed by {@link #maintain()} once they are as many as the live ones, after
 *       which the ordinals are exactly those a rebuild from the store gives (it adds items in their
 *       insertion order).</li>
 *   <li>Results are a function of the data, the thresholds and the query: candidate ties are cut by
 *       ordinal, result ties by id, and the parallel scan merges per-range results in range order,
 *       so the thread count never changes an answer.</li>
 *   <li>Thresholds change only at {@link #calibrateIfDue()}, never implicitly, and every code is
 *       encoded with the thresholds in force: a search sees the old thresholds and codes or the new
 *       ones, never a mix.</li>
 * </ul>
 *
 * <p>Thread-safe: searches share the read lock. Writes take the write lock for their in-memory
 * update only (microseconds per item). Maintenance (recalibration and reclaiming slots) is O(n) but
 * takes the read lock, or the write lock, for {@value #MAINTENANCE_CHUNK} slots at a time, so neither
 * searches nor writes wait for a whole pass (CalibrationPauseBench).
 */
public final class NamespaceIndex {

    /** Items a namespace must hold before its thresholds are estimated from the data. */
    public static final int MIN_CALIBRATION = 1024;
    /** Dead slots are reclaimed once there are at least this many and at least as many as live ones. */
    static final int MIN_RECLAIM = 1024;
    /** Slots a maintenance step handles per lock: about a millisecond of work. */
    static final int MAINTENANCE_CHUNK = 4096;
    /** Words of each code scanned in the first stage: the first 256 bits. */
    private static final int HEAD_WORDS = 4;
    /**
     * Codes of up to this many words (384 bits: both shipped local models) are scanned whole: a head
     * of 256 of 384 bits picked survivors too coarsely on real text embeddings, and the tails of
     * scattered survivors cost a cache miss each.
     */
    private static final int WHOLE_CODE_WORDS = 6;

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
    private float[] thresholds;
    private int calibratedAt;
    /** While a recalibration runs: the slots written since it began, to be re-encoded before it ends. */
    private BitSet writtenDuringCalibration;

    /**
     * @param calibration thresholds restored from an earlier run, or null to start at zero
     */
    public NamespaceIndex(int dimension, Calibration calibration) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        if (calibration != null && calibration.thresholds().length != dimension) {
            throw new IllegalArgumentException("calibration has " + calibration.thresholds().length
                    + " dimensions, index has " + dimension);
        }
        this.dimension = dimension;
        int words = BitCodes.words(dimension);
        this.table = new CodeTable(dimension, words <= WHOLE_CODE_WORDS ? words : HEAD_WORDS);
        this.scan = new CodeScan(table);
        this.thresholds = calibration == null ? new float[dimension] : calibration.thresholds().clone();
        this.calibratedAt = calibration == null ? 0 : calibration.calibratedAt();
    }

    public int dimension() {
        return dimension;
    }

    /** Live items. */
    public int size() {
        lock.readLock().lock();
        try {
            return table.liveCount();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds or replaces items, in order (a repeated id ends with its last vector).
     *
     * @throws IllegalArgumentException when a vector has the wrong dimension (nothing is changed)
     */
    public void upsert(List<String> itemIds, List<float[]> itemVectors) {
        upsert(itemIds, itemVectors, null);
    }

    /**
     * Adds or replaces items with their metadata values (what filters read), in order.
     *
     * @param itemFields the values of each item, replacing its old ones; null leaves them as they are
     * @throws IllegalArgumentException when a vector has the wrong dimension (nothing is changed)
     */
    public void upsert(List<String> itemIds, List<float[]> itemVectors, List<Map<String, FieldValue>> itemFields) {
        if (itemIds.size() != itemVectors.size() || itemFields != null && itemFields.size() != itemIds.size()) {
            throw new IllegalArgumentException(itemIds.size() + " ids but " + itemVectors.size() + " vectors");
        }
        for (float[] vector : itemVectors) {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has "
                        + dimension);
            }
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
                if (writtenDuringCalibration != null) {
                    writtenDuringCalibration.set(ordinal);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the metadata values of known items (the rebuild reads them apart from the vectors); unknown ids are ignored. */
    public void setFields(List<String> itemIds, List<Map<String, FieldValue>> itemFields) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < itemIds.size(); i++) {
                int ordinal = table.ordinalOf(itemIds.get(i));
                if (ordinal >= 0) {
                    table.setFields(ordinal, itemFields.get(i));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The ids of the live items whose metadata passes {@code filter} (every live item for null), in
     * slot order: what a lexical search and a delete by filter need.
     */
    public List<String> matchingIds(MetadataFilter filter) {
        lock.readLock().lock();
        try {
            int n = table.count();
            List<String> ids = new ArrayList<>();
            if (filter == null) {
                for (int ordinal = 0; ordinal < n; ordinal++) {
                    if (table.isLive(ordinal)) {
                        ids.add(table.id(ordinal));
                    }
                }
                return ids;
            }
            for (int ordinal : MetadataColumns.rows(table.fields.select(filter, n, table.liveFlags()))) {
                ids.add(table.id(ordinal));
            }
            return ids;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes items; unknown ids are ignored. A removed id that comes back takes a new slot at the end. */
    public void delete(Collection<String> itemIds) {
        lock.writeLock().lock();
        try {
            for (String id : itemIds) {
                table.remove(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The thresholds in force and the count they were computed at. */
    public Calibration calibration() {
        lock.readLock().lock();
        try {
            return new Calibration(thresholds.clone(), calibratedAt);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether {@link #maintain()} has work to do: a cheap check for whoever schedules it. */
    public boolean maintenanceDue() {
        lock.readLock().lock();
        try {
            return calibrationDue() || reclaimDue();
        } finally {
            lock.readLock().unlock();
        }
    }

    private boolean calibrationDue() {
        int live = table.liveCount();
        return live >= MIN_CALIBRATION && live >= 2L * calibratedAt;
    }

    private boolean reclaimDue() {
        int dead = table.deadCount();
        return dead >= MIN_RECLAIM && dead >= table.liveCount();
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
            reclaimIfDue();
            return calibrateIfDue();
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Moves live slots down over dead ones, keeping their order, a chunk per write lock. Appends and
     * deletes may run between chunks ({@link CodeTable#moveDown}); ordinals are the same as a rebuild's
     * when it ends.
     *
     * @return slots reclaimed
     */
    int reclaimIfDue() {
        maintenance.lock();
        try {
            int before;
            int[] cursor = {0, 0};
            lock.writeLock().lock();
            try {
                if (!reclaimDue()) {
                    return 0;
                }
                before = table.count();
            } finally {
                lock.writeLock().unlock();
            }
            while (true) {
                lock.writeLock().lock();
                try {
                    cursor = table.moveDown(cursor[0], cursor[1], MAINTENANCE_CHUNK);
                    if (cursor[1] == table.count()) {
                        return before - table.count();
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            }
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Re-estimates the thresholds (the mean of each dimension over the live vectors) and re-encodes
     * every code, when the namespace holds at least {@link #MIN_CALIBRATION} items and has doubled
     * since the last estimate. Doubling keeps the total re-encoding work linear in the items added.
     *
     * <p>The mean and the new codes are computed beside the old ones, under the read lock a chunk at
     * a time (searches go on; writes wait at most a chunk). Slots written meanwhile are noted and
     * encoded again with the new thresholds when, under the write lock, the new codes replace the old.
     *
     * @return the new calibration when one was made
     */
    public Optional<Calibration> calibrateIfDue() {
        maintenance.lock();
        try {
            int n;
            lock.writeLock().lock();
            try {
                if (!calibrationDue()) {
                    return Optional.empty();
                }
                n = table.count();
                writtenDuringCalibration = new BitSet();
            } finally {
                lock.writeLock().unlock();
            }
            try {
                return Optional.of(recalibrate(n));
            } finally {
                lock.writeLock().lock();
                writtenDuringCalibration = null;
                lock.writeLock().unlock();
            }
        } finally {
            maintenance.unlock();
        }
    }

    private Calibration recalibrate(int n) {
        double[] sums = new double[dimension];
        float[] vector = new float[dimension];
        int seen = 0;
        for (int from = 0; from < n; from += MAINTENANCE_CHUNK) {
            lock.readLock().lock();
            try {
                for (int ordinal = from; ordinal < Math.min(n, from + MAINTENANCE_CHUNK); ordinal++) {
                    if (table.isLive(ordinal)) {
                        table.vector(ordinal, vector);
                        for (int d = 0; d < dimension; d++) {
                            sums[d] += vector[d];
                        }
                        seen++;
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        float[] fresh = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            fresh[d] = (float) (sums[d] / Math.max(1, seen));
        }
        long[] code = new long[table.words];
        int capacity;
        lock.readLock().lock();
        try {
            capacity = table.capacity();
        } finally {
            lock.readLock().unlock();
        }
        // Outside the lock: zeroing tens of megabytes took 160 ms at a million items, and a writer
        // queued behind a long read blocks every later search (CalibrationPauseBench).
        long[][] codes = CodeTable.newCodeArrays(capacity, table.headWords, table.tailWords);
        for (int from = 0; from < n; from += MAINTENANCE_CHUNK) {
            lock.readLock().lock();
            try {
                for (int ordinal = from; ordinal < Math.min(n, from + MAINTENANCE_CHUNK); ordinal++) {
                    encodeInto(ordinal, fresh, vector, code, codes);
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        while (true) {
            lock.writeLock().lock();
            try {
                if (table.capacity() == capacity) {
                    BitSet written = writtenDuringCalibration;
                    for (int ordinal = written.nextSetBit(0); ordinal >= 0 && ordinal < n;
                            ordinal = written.nextSetBit(ordinal + 1)) {
                        encodeInto(ordinal, fresh, vector, code, codes);
                    }
                    for (int ordinal = n; ordinal < table.count(); ordinal++) {
                        encodeInto(ordinal, fresh, vector, code, codes);
                    }
                    table.replaceCodes(codes);
                    thresholds = fresh;
                    calibratedAt = seen;
                    return new Calibration(fresh.clone(), seen);
                }
                capacity = table.capacity();
            } finally {
                lock.writeLock().unlock();
            }
            // The table grew meanwhile: copy to its new size outside the lock, then try again.
            codes = CodeTable.resizeCodeArrays(codes, capacity, table.headWords, table.tailWords);
        }
    }

    private void encodeInto(int ordinal, float[] with, float[] vector, long[] code, long[][] codes) {
        if (table.isLive(ordinal)) {
            table.vector(ordinal, vector);
            BitCodes.encode(vector, with, code, 0);
            table.writeCode(code, ordinal, codes[0], codes[1]);
        }
    }

    /**
     * The fewest candidates rescored for a search, before the stopping rule may end it: enough for the
     * rule's estimate to rest on (SCORING.md, step 3).
     */
    public static int minimumCandidates(int topK) {
        return Math.max(CodeScan.MIN_RESCORED, 2 * topK);
    }

    /** See {@link CodeScan#survivorCount}. */
    static int survivorCount(int allowedItems, int liveItems, int topK) {
        return CodeScan.survivorCount(allowedItems, liveItems, topK);
    }

    /**
     * The best {@code topK} items for the query, best first.
     *
     * <p>Candidates are rescored in Hamming order (closest codes first, all codes at one distance
     * together). After each distance the {@link StoppingRule} estimates, from a line fitted to
     * (Hamming distance, exact cosine) of everything rescored so far and the scatter around it, how
     * many of the candidates left would beat the k-th best exact cosine; rescoring stops when that
     * is below {@value StoppingRule#MISS_RATE} times k. The rule adapts to the code length, the model
     * and the query, where a fixed candidate count was right for one of them (SCORING.md, step 3).
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
     * As {@link #search(float[], int, Set, ExecutorService, int)}, candidates also passing a
     * metadata filter (evaluated over the slots' typed metadata, no id looked up).
     *
     * @param filter the metadata filter, or null for none
     */
    public List<Hit> search(float[] query, int topK, Set<String> admitted, MetadataFilter filter, ExecutorService pool,
                            int parallelism) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has " + dimension);
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
                allowedCount = filter == null ? markAdmitted(admitted, allowed)
                        : markPassing(table.fields.select(filter, n, table.liveFlags()), admitted, allowed);
            }
            try {
                return allowedCount == 0 ? List.of()
                        : scan.search(query, thresholds, topK, allowed, allowedCount, scratch, pool, parallelism);
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

    /** Marks the slots set in {@code passing} (and admitted, when a set is given); returns how many. */
    private int markPassing(long[] passing, Set<String> admitted, boolean[] allowed) {
        int marked = 0;
        if (admitted == null) {
            for (int w = 0; w < passing.length; w++) {
                long word = passing[w];
                while (word != 0) {
                    allowed[(w << 6) + Long.numberOfTrailingZeros(word)] = true;
                    marked++;
                    word &= word - 1;
                }
            }
            return marked;
        }
        for (String id : admitted) {
            int ordinal = table.ordinalOf(id);
            if (ordinal >= 0 && (passing[ordinal >>> 6] & (1L << ordinal)) != 0) {
                allowed[ordinal] = true;
                marked++;
            }
        }
        return marked;
    }

    /** Marks the live ordinals of the admitted ids and returns how many there are. */
    private int markAdmitted(Set<String> admitted, boolean[] allowed) {
        int marked = 0;
        for (String id : admitted) {
            int ordinal = table.ordinalOf(id);
            if (ordinal >= 0) {
                allowed[ordinal] = true;
                marked++;
            }
        }
        return marked;
    }

    /**
     * Exact hits for named items, whatever their rank: how a hybrid search scores the items that
     * only its lexical list found. Unknown or deleted ids are absent; order follows {@code itemIds}.
     *
     * @throws IllegalArgumentException when the query has the wrong dimension
     */
    public List<Hit> exact(float[] query, Collection<String> itemIds) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has " + dimension);
        }
        double queryNorm = Cosine.norm(query);
        float[] vector = new float[dimension];
        List<Hit> hits = new ArrayList<>(itemIds.size());
        lock.readLock().lock();
        try {
            for (String id : itemIds) {
                int ordinal = table.ordinalOf(id);
                if (ordinal < 0) {
                    continue;
                }
                table.vector(ordinal, vector);
                double cosine = Cosine.fromDot(Cosine.dot(query, vector), queryNorm, table.norm(ordinal));
                hits.add(new Hit(id, cosine, RelevanceScale.score(cosine)));
            }
        } finally {
            lock.readLock().unlock();
        }
        return hits;
    }

    /**
     * The stored vectors of the named live items, as they were written (float32); unknown or deleted
     * ids are absent.
     */
    public Map<String, float[]> vectors(Collection<String> itemIds) {
        Map<String, float[]> found = new HashMap<>();
        lock.readLock().lock();
        try {
            for (String id : itemIds) {
                int ordinal = table.ordinalOf(id);
                if (ordinal >= 0) {
                    float[] vector = new float[dimension];
                    table.vector(ordinal, vector);
                    found.put(id, vector);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    /** Slots in use, live or dead (what a search scans). */
    int slots() {
        lock.readLock().lock();
        try {
            return table.count();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The ordinal and code of a live item, or null: for tests comparing an index with a rebuild. */
    long[] slotAndCode(String id) {
        lock.readLock().lock();
        try {
            int ordinal = table.ordinalOf(id);
            if (ordinal < 0) {
                return null;
            }
            long[] code = table.code(ordinal);
            long[] both = Arrays.copyOf(new long[] {ordinal}, code.length + 1);
            System.arraycopy(code, 0, both, 1, code.length);
            return both;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Checks the table's invariants (for tests); true when they hold. */
    boolean checkInvariants() {
        lock.readLock().lock();
        try {
            return table.checkInvariants();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Off-heap bytes held for full-precision vectors. */
    public long offHeapBytes() {
        lock.readLock().lock();
        try {
            return table.offHeapBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Heap bytes held for codes. */
    public long codeBytes() {
        lock.readLock().lock();
        try {
            return table.codeBytes();
        } finally {
            lock.readLock().unlock();
        }
    }
}
