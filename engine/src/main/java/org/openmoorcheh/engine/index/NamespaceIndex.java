package org.openmoorcheh.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.RelevanceScale;

/**
 * The search index of one namespace.
 *
 * <p>Each item has an ordinal (its slot). Codes ({@code D/8} bytes per item) live on the heap;
 * full-precision vectors live off-heap and are read only for candidates. A search scans every live
 * code (no approximate structure, so new items are searchable at once) in two stages: the first 256
 * bits of every code, kept in one contiguous array (a third of the bytes of a 768-d code, and the
 * scan is bound by memory bandwidth), pick {@code max(8C, 1024)} survivors; their full Hamming
 * distances pick the {@code C} closest, which are rescored with the exact cosine.
 *
 * <p>Invariants:
 * <ul>
 *   <li>An id keeps its ordinal when it is replaced, and new ids get the next ordinal; so ordinals
 *       follow first insertion, and a rebuild that adds items in their store insertion order
 *       reproduces them.</li>
 *   <li>Results are a function of the data and the query alone: candidate ties are cut by ordinal,
 *       result ties by id, and the parallel scan merges per-range results in range order, so the
 *       thread count never changes an answer.</li>
 *   <li>Thresholds change only at {@link #calibrateIfDue()}, never implicitly.</li>
 * </ul>
 *
 * <p>Thread-safe: searches share a read lock; changes take the write lock for their in-memory
 * update only (microseconds per item), so searches wait at most that long.
 */
public final class NamespaceIndex {

    /** Items a namespace must hold before its thresholds are estimated from the data. */
    public static final int MIN_CALIBRATION = 1024;
    /** Below this many codes a scan runs on the calling thread: splitting would cost more than it saves. */
    private static final int PARALLEL_MIN = 32_768;
    /** Words of each code scanned in the first stage: the first 256 bits. */
    private static final int HEAD_WORDS = 4;
    /** Survivors of the first stage, at least; more when more candidates are wanted. */
    private static final int MIN_SURVIVORS = 1_024;
    /** Every this many items are sampled to guess how far the survivors reach. */
    private static final int SAMPLE_STRIDE = 16;

    private final int dimension;
    private final int words;
    private final int headWords;
    private final int tailWords;
    private final OffHeapVectors vectors;
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private float[] thresholds;
    private int calibratedAt;
    /**
     * Codes split in two arrays so the first stage streams only the heads: {@code headWords} per
     * item in {@code heads}, the remaining {@code tailWords} in {@code tails}.
     */
    private long[] heads;
    private long[] tails;
    private String[] ids;
    private boolean[] live;
    /** Euclidean norm of each stored vector, so rescoring needs only a dot product. */
    private double[] norms;
    private int count;
    private int liveCount;

    /**
     * @param calibration thresholds restored from an earlier run, or null to start at zero
     */
    public NamespaceIndex(int dimension, Calibration calibration) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        this.words = BitCodes.words(dimension);
        this.headWords = Math.min(words, HEAD_WORDS);
        this.tailWords = words - headWords;
        this.vectors = new OffHeapVectors(dimension);
        if (calibration != null && calibration.thresholds().length != dimension) {
            throw new IllegalArgumentException("calibration has " + calibration.thresholds().length
                    + " dimensions, index has " + dimension);
        }
        this.thresholds = calibration == null ? new float[dimension] : calibration.thresholds().clone();
        this.calibratedAt = calibration == null ? 0 : calibration.calibratedAt();
        this.heads = new long[1024 * headWords];
        this.tails = new long[1024 * tailWords];
        this.ids = new String[1024];
        this.live = new boolean[1024];
        this.norms = new double[1024];
    }

    public int dimension() {
        return dimension;
    }

    /** Live items. */
    public int size() {
        lock.readLock().lock();
        try {
            return liveCount;
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
        if (itemIds.size() != itemVectors.size()) {
            throw new IllegalArgumentException(itemIds.size() + " ids but " + itemVectors.size() + " vectors");
        }
        for (float[] vector : itemVectors) {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has "
                        + dimension);
            }
        }
        long[] code = new long[words];
        lock.writeLock().lock();
        try {
            for (int i = 0; i < itemIds.size(); i++) {
                String id = itemIds.get(i);
                Integer existing = ordinals.get(id);
                int ordinal;
                if (existing != null) {
                    ordinal = existing;
                } else {
                    ordinal = count++;
                    ensureCapacity(count);
                    ordinals.put(id, ordinal);
                    ids[ordinal] = id;
                }
                if (!live[ordinal]) {
                    live[ordinal] = true;
                    liveCount++;
                }
                vectors.put(ordinal, itemVectors.get(i));
                norms[ordinal] = Cosine.norm(itemVectors.get(i));
                encode(itemVectors.get(i), ordinal, code);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes items; unknown ids are ignored. A removed id that comes back gets a new ordinal. */
    public void delete(Collection<String> itemIds) {
        lock.writeLock().lock();
        try {
            for (String id : itemIds) {
                Integer ordinal = ordinals.remove(id);
                if (ordinal != null && live[ordinal]) {
                    live[ordinal] = false;
                    ids[ordinal] = null;
                    liveCount--;
                }
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

    /**
     * Re-estimates the thresholds (the mean of each dimension over the live vectors) and re-encodes
     * every code, when the namespace holds at least {@link #MIN_CALIBRATION} items and has doubled
     * since the last estimate. Doubling keeps the total re-encoding work linear in the items added.
     *
     * @return the new calibration when one was made
     */
    public Optional<Calibration> calibrateIfDue() {
        lock.writeLock().lock();
        try {
            if (liveCount < MIN_CALIBRATION || liveCount < 2L * calibratedAt) {
                return Optional.empty();
            }
            double[] sums = new double[dimension];
            float[] vector = new float[dimension];
            for (int ordinal = 0; ordinal < count; ordinal++) {
                if (live[ordinal]) {
                    vectors.get(ordinal, vector);
                    for (int d = 0; d < dimension; d++) {
                        sums[d] += vector[d];
                    }
                }
            }
            for (int d = 0; d < dimension; d++) {
                thresholds[d] = (float) (sums[d] / liveCount);
            }
            calibratedAt = liveCount;
            long[] code = new long[words];
            for (int ordinal = 0; ordinal < count; ordinal++) {
                if (live[ordinal]) {
                    vectors.get(ordinal, vector);
                    encode(vector, ordinal, code);
                }
            }
            return Optional.of(new Calibration(thresholds.clone(), calibratedAt));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void encode(float[] vector, int ordinal, long[] code) {
        BitCodes.encode(vector, thresholds, code, 0);
        System.arraycopy(code, 0, heads, ordinal * headWords, headWords);
        System.arraycopy(code, headWords, tails, ordinal * tailWords, tailWords);
    }

    /** How many codes are rescored for a search: grows with the namespace (SCORING.md, step 3). */
    public static int candidates(int liveItems, int topK) {
        return Math.max(100, Math.max(10 * topK, liveItems / 1000));
    }

    /**
     * The best {@code topK} items for the query, best first.
     *
     * @param admitted ids a filter lets through, or null for all; candidates come only from these,
     *     so a selective filter still fills {@code topK} when that many items pass it
     * @param pool threads for the scan of large namespaces; {@code parallelism} ranges are scanned
     * @return at most {@code topK} hits; never null
     * @throws IllegalArgumentException when the query has the wrong dimension
     */
    public List<Hit> search(float[] query, int topK, Set<String> admitted, ExecutorService pool, int parallelism) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has " + dimension);
        }
        lock.readLock().lock();
        try {
            int n = count;
            boolean[] allowed = live;
            int allowedCount = liveCount;
            if (admitted != null) {
                allowed = new boolean[n];
                allowedCount = markAdmitted(admitted, allowed);
            }
            long[] queryCode = new long[words];
            BitCodes.encode(query, thresholds, queryCode, 0);
            int wanted = candidates(liveCount, topK);
            int survivors = tailWords == 0 ? wanted : Math.max(MIN_SURVIVORS, 8 * wanted);
            // Stage 1: Hamming distance of the heads over every allowed item, keeping only those
            // within a bound guessed from a sample. If fewer than the survivors lie within it (a
            // guess too tight, rare), one more pass keeps everything.
            int bound = estimateBound(queryCode, allowed, n, survivors, allowedCount);
            Near near = scan(queryCode, allowed, n, bound, pool, parallelism);
            if (near.size() < Math.min(survivors, allowedCount) && bound < headWords * 64) {
                near = scan(queryCode, allowed, n, headWords * 64, pool, parallelism);
            }
            int cutoff = cutoff(near.histogram(), survivors);
            Survivors kept = near.closest(survivors, cutoff);
            // Stage 2: full distance (head + tail) of the survivors, and the closest of those.
            int[] chosen = tailWords == 0 ? kept.ordinals() : closestByFullDistance(kept, queryCode, wanted);
            return rescore(query, chosen, topK);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Marks the live ordinals of the admitted ids and returns how many there are. */
    private int markAdmitted(Set<String> admitted, boolean[] allowed) {
        int marked = 0;
        for (String id : admitted) {
            Integer ordinal = ordinals.get(id);
            if (ordinal != null && live[ordinal]) {
                allowed[ordinal] = true;
                marked++;
            }
        }
        return marked;
    }

    /**
     * A head distance within which about twice the wanted survivors lie, from the distances of every
     * {@value #SAMPLE_STRIDE}th item. Only the speed depends on it: a bound too tight costs a second
     * pass, one too loose a longer list. Small namespaces keep everything.
     */
    private int estimateBound(long[] queryCode, boolean[] allowed, int n, int survivors, int allowedCount) {
        int maxDistance = headWords * 64;
        if (allowedCount <= 4 * survivors || n < SAMPLE_STRIDE * 64) {
            return maxDistance;
        }
        int[] histogram = new int[maxDistance + 1];
        int sampled = 0;
        for (int ordinal = 0; ordinal < n; ordinal += SAMPLE_STRIDE) {
            if (allowed[ordinal]) {
                histogram[BitCodes.distance(heads, ordinal * headWords, queryCode, 0, headWords)]++;
                sampled++;
            }
        }
        long needed = 2L * survivors * sampled / allowedCount + 8;
        if (sampled < 64 || needed >= sampled) {
            return maxDistance;
        }
        int bound = 0;
        long seen = histogram[0];
        while (seen < needed && bound < maxDistance) {
            seen += histogram[++bound];
        }
        return bound;
    }

    /** The smallest distance at or below which {@code wanted} items lie (all of them if fewer). */
    private static int cutoff(int[] histogram, int wanted) {
        int cutoff = 0;
        int below = 0;
        while (cutoff < histogram.length - 1 && below + histogram[cutoff] < wanted) {
            below += histogram[cutoff];
            cutoff++;
        }
        return cutoff;
    }

    /**
     * Allowed ordinals with a head distance within a bound, ascending, with those distances and
     * their histogram. (Counting only these keeps the histogram out of the scan's hot path: a
     * counter incremented for every item stalls on itself whenever neighbours share a distance.)
     */
    private record Near(int[] ordinals, int[] distances, int size, int[] histogram) {

        /**
         * The {@code wanted} closest: everything below {@code cutoff}, then items at it in ordinal
         * order. The list must hold at least {@code wanted} items, or every allowed one.
         */
        Survivors closest(int wanted, int cutoff) {
            int below = 0;
            for (int d = 0; d < cutoff; d++) {
                below += histogram[d];
            }
            int atCutoff = Math.min(histogram[cutoff], Math.max(0, wanted - below));
            int[] keptOrdinals = new int[below + atCutoff];
            int[] keptDistances = new int[keptOrdinals.length];
            int kept = 0;
            int ties = 0;
            for (int i = 0; i < size; i++) {
                int distance = distances[i];
                if (distance < cutoff || (distance == cutoff && ties++ < atCutoff)) {
                    keptOrdinals[kept] = ordinals[i];
                    keptDistances[kept++] = distance;
                }
            }
            return new Survivors(keptOrdinals, keptDistances);
        }
    }

    /** The survivors of the first stage, ascending ordinals, with their head distances. */
    private record Survivors(int[] ordinals, int[] headDistances) {
    }

    /** Scans the heads, split over the pool for large namespaces; parts merge in ordinal order. */
    private Near scan(long[] queryCode, boolean[] allowed, int n, int bound, ExecutorService pool,
                           int parallelism) {
        int parts = n < PARALLEL_MIN || pool == null ? 1 : Math.max(1, parallelism);
        if (parts == 1) {
            return scanRange(queryCode, allowed, 0, n, bound);
        }
        List<Future<Near>> futures = new ArrayList<>(parts);
        int step = (n + parts - 1) / parts;
        for (int from = 0; from < n; from += step) {
            int start = from;
            int end = Math.min(n, from + step);
            futures.add(pool.submit(() -> scanRange(queryCode, allowed, start, end, bound)));
        }
        List<Near> done = new ArrayList<>(parts);
        try {
            for (Future<Near> future : futures) {
                done.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed", e.getCause());
        }
        int total = 0;
        for (Near part : done) {
            total += part.size();
        }
        int[] ordinalsNear = new int[total];
        int[] distancesNear = new int[total];
        int[] histogram = new int[headWords * 64 + 1];
        int at = 0;
        for (Near part : done) {
            System.arraycopy(part.ordinals(), 0, ordinalsNear, at, part.size());
            System.arraycopy(part.distances(), 0, distancesNear, at, part.size());
            at += part.size();
            for (int d = 0; d < histogram.length; d++) {
                histogram[d] += part.histogram()[d];
            }
        }
        return new Near(ordinalsNear, distancesNear, total, histogram);
    }

    /** Head distances of a range of ordinals: those within the bound, with their histogram. */
    private Near scanRange(long[] queryCode, boolean[] allowed, int from, int to, int bound) {
        if (headWords == 4) {
            return scanRange4(queryCode, allowed, from, to, bound);
        }
        int[] histogram = new int[headWords * 64 + 1];
        NearList near = new NearList();
        long[] all = heads;
        int offset = from * headWords;
        for (int ordinal = from; ordinal < to; ordinal++, offset += headWords) {
            if (allowed[ordinal]) {
                int distance = BitCodes.distance(all, offset, queryCode, 0, headWords);
                if (distance <= bound) {
                    histogram[distance]++;
                    near.add(ordinal, distance);
                }
            }
        }
        return near.toNear(histogram);
    }

    /**
     * {@link #scanRange} for the usual 256-bit heads (every dimension from 193 up), with the query
     * words in locals and the loop unrolled: the JIT keeps them in registers, which makes the scan
     * about twice as fast as the general loop (SearchBench).
     */
    private Near scanRange4(long[] queryCode, boolean[] allowed, int from, int to, int bound) {
        int[] histogram = new int[4 * 64 + 1];
        NearList near = new NearList();
        long[] all = heads;
        long q0 = queryCode[0];
        long q1 = queryCode[1];
        long q2 = queryCode[2];
        long q3 = queryCode[3];
        for (int ordinal = from, offset = from * 4; ordinal < to; ordinal++, offset += 4) {
            if (allowed[ordinal]) {
                int distance = Long.bitCount(all[offset] ^ q0) + Long.bitCount(all[offset + 1] ^ q1)
                        + Long.bitCount(all[offset + 2] ^ q2) + Long.bitCount(all[offset + 3] ^ q3);
                if (distance <= bound) {
                    histogram[distance]++;
                    near.add(ordinal, distance);
                }
            }
        }
        return near.toNear(histogram);
    }

    /** A growing list of (ordinal, distance) pairs. */
    private static final class NearList {
        private int[] ordinals = new int[256];
        private int[] distances = new int[256];
        private int size;

        void add(int ordinal, int distance) {
            if (size == ordinals.length) {
                ordinals = Arrays.copyOf(ordinals, size * 2);
                distances = Arrays.copyOf(distances, size * 2);
            }
            ordinals[size] = ordinal;
            distances[size++] = distance;
        }

        Near toNear(int[] histogram) {
            return new Near(ordinals, distances, size, histogram);
        }
    }

    /**
     * Of the survivors (ascending ordinals) with their head distances, the {@code wanted} with the
     * smallest full distance, ties at the cut-off taken in ordinal order.
     */
    private int[] closestByFullDistance(Survivors survivors, long[] queryCode, int wanted) {
        int[] full = new int[survivors.ordinals().length];
        int[] histogram = new int[dimension + 1];
        for (int i = 0; i < full.length; i++) {
            int ordinal = survivors.ordinals()[i];
            full[i] = survivors.headDistances()[i]
                    + BitCodes.distance(tails, ordinal * tailWords, queryCode, headWords, tailWords);
            histogram[full[i]]++;
        }
        int[] positions = select(full, histogram, wanted, full.length);
        for (int i = 0; i < positions.length; i++) {
            positions[i] = survivors.ordinals()[positions[i]];
        }
        return positions;
    }

    /** The positions of the {@code wanted} smallest distances, ties at the cut-off in order. */
    private static int[] select(int[] distances, int[] histogram, int wanted, int n) {
        int cutoff = 0;
        int below = 0;
        while (cutoff < histogram.length && below + histogram[cutoff] < wanted) {
            below += histogram[cutoff];
            cutoff++;
        }
        int atCutoff = cutoff < histogram.length ? Math.min(histogram[cutoff], wanted - below) : 0;
        int[] chosen = new int[below + atCutoff];
        int size = 0;
        int ties = 0;
        for (int ordinal = 0; ordinal < n; ordinal++) {
            int distance = distances[ordinal];
            if (distance < cutoff) {
                chosen[size++] = ordinal;
            } else if (distance == cutoff && ties < atCutoff) {
                chosen[size++] = ordinal;
                ties++;
            }
        }
        return chosen;
    }

    private List<Hit> rescore(float[] query, int[] chosen, int topK) {
        float[] vector = new float[dimension];
        double queryNorm = Cosine.norm(query);
        List<Hit> hits = new ArrayList<>(chosen.length);
        for (int ordinal : chosen) {
            vectors.get(ordinal, vector);
            double cosine = Cosine.fromDot(Cosine.dot(query, vector), queryNorm, norms[ordinal]);
            hits.add(new Hit(ids[ordinal], cosine, RelevanceScale.score(cosine)));
        }
        hits.sort(Comparator.comparingDouble(Hit::cosine).reversed().thenComparing(Hit::id));
        return List.copyOf(hits.subList(0, Math.min(topK, hits.size())));
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, ids.length + (ids.length >> 1));
        heads = Arrays.copyOf(heads, capacity * headWords);
        tails = Arrays.copyOf(tails, capacity * tailWords);
        ids = Arrays.copyOf(ids, capacity);
        live = Arrays.copyOf(live, capacity);
        norms = Arrays.copyOf(norms, capacity);
    }

    /** Off-heap bytes held for full-precision vectors. */
    public long offHeapBytes() {
        return vectors.bytes();
    }

    /** Heap bytes held for codes. */
    public long codeBytes() {
        lock.readLock().lock();
        try {
            return (long) (heads.length + tails.length) * Long.BYTES;
        } finally {
            lock.readLock().unlock();
        }
    }
}
