package org.openmoorcheh.engine.index;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Working memory of a search, reused from query to query, so that a search in the steady state
 * allocates nothing but its answer. Arrays grow to the largest need seen; those that grow with the
 * namespace rather than with the candidate count are given back after a query that needed more than
 * {@link #KEEP_ENTRIES}, so an idle scratch never pins megabytes.
 *
 * <p>A search takes a scratch with {@link #get()} and gives it back with {@link #release()}; the
 * one given back last is taken first. A server answers each request on whichever of its request
 * threads is free: under one client, 22 threads took turns and 7 searches in 10 ran on another
 * thread than the one before (docs/BENCHMARKS.md), so a scratch per thread was mostly one that had
 * not run for a while, out of the cache, where the last one given back is still in it. At most
 * {@link #MAX_KEPT} are kept between searches.
 *
 * <p>Not thread-safe: a scratch belongs to the search that took it until it is released; the scan of
 * a large namespace fills {@link #part(int)} lists (or {@link #estimateParts} lists) from pool
 * threads, one each, which the caller reads only after their futures complete.
 */
final class SearchScratch {

    /** Entries a growing list keeps between queries; more is released once the query ends. */
    static final int KEEP_ENTRIES = 1 << 16;

    /**
     * Scratches kept for later searches, at most: one per search that can run at once on the cores
     * and then some for the searches waiting for them. A burst of more concurrent searches leaves
     * the extra scratches to the collector, as a request thread that ended left its own before.
     */
    static final int MAX_KEPT = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    /** Scratches not in use, the last released first. */
    private static final Deque<SearchScratch> FREE = new ArrayDeque<>();
    /** Full-precision vectors read by each thread's last search, for {@link NamespaceIndex#vectorsReadByLastSearch}. */
    private static final ThreadLocal<int[]> LAST_RESCORED = ThreadLocal.withInitial(() -> new int[1]);

    long[] queryCode = new long[0];
    /** What loads made only to bring memory into cache summed to: kept so the compiler keeps the loads. */
    long touched;
    /** Head distances of the sampled items, to guess the first-stage bound. */
    int[] sampleHistogram = new int[0];
    /** The first-stage list: ordinals within the bound, ascending, with their head distances. */
    final Near near = new Near();
    private Near[] parts = new Near[0];
    /** Positions in the first-stage list (the survivors, or the rest of the list). */
    private int[] positions = new int[0];
    private int[] rest = new int[0];
    /** Candidates with their full distances, for codes with a tail. */
    private int[] candidateOrdinals = new int[0];
    private int[] candidateDistances = new int[0];
    /** Full-distance histogram of the candidates. */
    int[] fullHistogram = new int[0];
    /** Positions of the candidates in Hamming order. */
    private int[] order = new int[0];
    float[] vector = new float[0];
    double queryNorm;
    /** Items sampled to guess the first-stage bound, 0 when none were. */
    int sampled;
    private double[] beyond = new double[0];
    private double[] spread = new double[0];
    private double[] kernel = new double[0];
    /** Standard deviation of the tail distances of the last candidates given full distances. */
    double tailDeviation;
    final BestHits best = new BestHits();
    final StoppingRule rule = new StoppingRule();
    /** The query's side of the code estimates. */
    final Estimator.Query estimates = new Estimator.Query();
    /** Candidates of each part of an estimate pass. */
    private EstimateScan.Part[] estimateParts = new EstimateScan.Part[0];
    /** The candidates of an estimate pass as {@link BoundHeap} keys. */
    private long[] keys = new long[0];
    /** Full-precision vectors read by the last search. */
    int rescored;
    double[] bestCosines = new double[0];
    int[] bestOrdinals = new int[0];
    private boolean[] allowed = new boolean[0];

    /** A scratch for one search: the one released last, or a new one when every scratch is in use. */
    static SearchScratch get() {
        synchronized (FREE) {
            SearchScratch free = FREE.pollFirst();
            if (free != null) {
                return free;
            }
        }
        return new SearchScratch();
    }

    /** Scratches kept for later searches now. */
    static int kept() {
        synchronized (FREE) {
            return FREE.size();
        }
    }

    /** Full-precision vectors the calling thread's last search read. */
    static int lastRescored() {
        return LAST_RESCORED.get()[0];
    }

    /** Sizes the arrays every search uses, for a namespace of this dimension and {@code topK} hits. */
    void prepare(int dimension, int topK) {
        if (vector.length != dimension) {
            vector = new float[dimension];
        }
        if (bestCosines.length < topK) {
            bestCosines = new double[topK];
            bestOrdinals = new int[topK];
        }
        rescored = 0;
    }

    /** {@link #prepare} and the arrays of a Hamming scan of codes of {@code words} words. */
    void prepareScan(int words, int headBits, int dimension, int topK) {
        prepare(dimension, topK);
        if (queryCode.length != words) {
            queryCode = new long[words];
        }
        if (sampleHistogram.length != headBits + 1) {
            sampleHistogram = new int[headBits + 1];
        } else {
            Arrays.fill(sampleHistogram, 0);
        }
        if (fullHistogram.length != dimension + 1) {
            fullHistogram = new int[dimension + 1];
        }
        near.clear();
    }

    long[] keys(int size) {
        if (keys.length < size) {
            keys = new long[Math.max(size, keys.length + (keys.length >> 1))];
        }
        return keys;
    }

    /**
     * The candidate lists of the {@code count} parts of an estimate pass, emptied for a query of
     * {@code k} hits wanted only from cosine {@code floor} up ({@link EstimateScan.LowerBounds#reset}).
     * Called before the pass, on the searching thread: pool threads fill one each.
     */
    EstimateScan.Part[] estimateParts(int count, int k, float floor) {
        if (estimateParts.length < count) {
            EstimateScan.Part[] grown = Arrays.copyOf(estimateParts, count);
            for (int p = estimateParts.length; p < grown.length; p++) {
                grown[p] = new EstimateScan.Part();
            }
            estimateParts = grown;
        }
        for (int p = 0; p < count; p++) {
            estimateParts[p].reset(k, floor);
        }
        return estimateParts;
    }

    int[] positions(int size) {
        return positions = atLeast(positions, size);
    }

    /** An all-zero array of {@code length} estimated counts per distance. */
    double[] beyond(int length) {
        if (beyond.length != length) {
            beyond = new double[length];
        } else {
            Arrays.fill(beyond, 0);
        }
        return beyond;
    }

    /**
     * {@code counts} smoothed with a Gaussian of the given deviation (cut at three deviations), so
     * items placed at a guessed distance count at the distances they may really have.
     */
    double[] spread(double[] counts, double deviation) {
        int reach = (int) Math.ceil(3 * deviation);
        if (reach == 0) {
            return counts;
        }
        if (spread.length != counts.length) {
            spread = new double[counts.length];
        } else {
            Arrays.fill(spread, 0);
        }
        if (kernel.length < 2 * reach + 1) {
            kernel = new double[2 * reach + 1];
        }
        double total = 0;
        for (int j = -reach; j <= reach; j++) {
            kernel[j + reach] = Math.exp(-0.5 * j * j / (deviation * deviation));
            total += kernel[j + reach];
        }
        // Normalised once, not per product: the division in the inner loop was most of a search's
        // smoothing (22 us of 300 at 100,000 x 768 on Java 25).
        for (int j = 0; j <= 2 * reach; j++) {
            kernel[j] /= total;
        }
        int last = counts.length - 1;
        for (int d = 0; d < counts.length; d++) {
            double count = counts[d];
            if (count == 0) {
                continue;
            }
            if (d - reach >= 0 && d + reach <= last) {
                // Away from the ends no index is clamped: a plain loop the JIT can unroll.
                for (int j = 0, at = d - reach; j <= 2 * reach; j++, at++) {
                    spread[at] += count * kernel[j];
                }
            } else {
                for (int j = -reach; j <= reach; j++) {
                    spread[Math.max(0, Math.min(last, d + j))] += count * kernel[j + reach];
                }
            }
        }
        return spread;
    }

    int[] rest(int size) {
        return rest = atLeast(rest, size);
    }

    int[] candidateOrdinals(int size) {
        return candidateOrdinals = atLeast(candidateOrdinals, size);
    }

    int[] candidateDistances(int size) {
        return candidateDistances = atLeast(candidateDistances, size);
    }

    int[] order(int size) {
        return order = atLeast(order, size);
    }

    private static int[] atLeast(int[] array, int size) {
        return array.length >= size ? array : new int[Math.max(size, array.length + (array.length >> 1))];
    }

    /** An all-false mask of at least {@code n} entries; the caller clears what it sets. */
    boolean[] allowed(int n) {
        if (allowed.length < n) {
            allowed = new boolean[Math.max(n, allowed.length + (allowed.length >> 1))];
        }
        return allowed;
    }

    /** The list of part {@code i} of a parallel scan, emptied. */
    Near part(int i) {
        if (parts.length <= i) {
            Near[] grown = Arrays.copyOf(parts, i + 1);
            for (int p = parts.length; p < grown.length; p++) {
                grown[p] = new Near();
            }
            parts = grown;
        }
        parts[i].clear();
        return parts[i];
    }

    /** The list part {@code i} of the last parallel scan filled. */
    Near partAt(int i) {
        return parts[i];
    }

    /** Ends the search that took this scratch: trims it and gives it back. Not to be used after. */
    void release() {
        LAST_RESCORED.get()[0] = rescored;
        trim();
        synchronized (FREE) {
            if (FREE.size() < MAX_KEPT) {
                FREE.addFirst(this);
            }
        }
    }

    /** Gives back what grew with the namespace rather than with the candidates. */
    private void trim() {
        near.trim();
        if (order.length > KEEP_ENTRIES) {
            positions = new int[0];
            rest = new int[0];
            candidateOrdinals = new int[0];
            candidateDistances = new int[0];
            order = new int[0];
        }
        for (Near part : parts) {
            part.trim();
        }
        for (EstimateScan.Part part : estimateParts) {
            part.trim();
        }
        if (keys.length > KEEP_ENTRIES) {
            keys = new long[0];
        }
        if (allowed.length > KEEP_ENTRIES * 16) {
            allowed = new boolean[0];
        }
    }

    /** A growing list of (ordinal, distance) pairs with the histogram of the distances. */
    /** Codes whose first-pass figures a kernel computes at once: 64 blocks, 2 KB, in the first-level cache. */
    static final int CHUNK = 512;

    static final class Near {
        int[] ordinals = new int[256];
        int[] distances = new int[256];
        int size;
        /** Counts of each distance in the list; sized by {@link #histogram(int)}. */
        int[] histogram = new int[0];
        /** Codes of one chunk of blocks within the bound, as the kernels write them ({@link CodeScan}). */
        final int[] chunkPositions = new int[SearchScratch.CHUNK];
        final int[] chunkDistances = new int[SearchScratch.CHUNK];

        void clear() {
            size = 0;
            Arrays.fill(histogram, 0);
        }

        int[] histogram(int length) {
            if (histogram.length != length) {
                histogram = new int[length];
            }
            return histogram;
        }

        /** Doubles the room, keeping the first {@code size} entries. */
        void grow(int size) {
            ordinals = Arrays.copyOf(ordinals, Math.max(256, size * 2));
            distances = Arrays.copyOf(distances, Math.max(256, size * 2));
        }

        /** Appends another list (a later range of ordinals). */
        void addAll(Near other) {
            int needed = size + other.size;
            if (needed > ordinals.length) {
                int capacity = Math.max(needed, ordinals.length * 2);
                ordinals = Arrays.copyOf(ordinals, capacity);
                distances = Arrays.copyOf(distances, capacity);
            }
            System.arraycopy(other.ordinals, 0, ordinals, size, other.size);
            System.arraycopy(other.distances, 0, distances, size, other.size);
            size = needed;
            int[] mine = histogram(other.histogram.length);
            for (int d = 0; d < mine.length; d++) {
                mine[d] += other.histogram[d];
            }
        }

        /** Keeps only the entries farther than {@code bound}, in order, and recounts the histogram. */
        void keepBeyond(int bound) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (distances[i] > bound) {
                    ordinals[kept] = ordinals[i];
                    distances[kept++] = distances[i];
                }
            }
            size = kept;
            for (int d = 0; d <= Math.min(bound, histogram.length - 1); d++) {
                histogram[d] = 0;
            }
        }

        void trim() {
            if (ordinals.length > KEEP_ENTRIES) {
                ordinals = new int[256];
                distances = new int[256];
            }
        }
    }
}
