package org.openmoorcheh.engine.index;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.engine.simd.Kernels;

/**
 * The search over a {@link CodeTable}, in one of two ways chosen by code length, each measured the
 * better on its data (docs/BENCHMARKS.md, issue 27):
 *
 * <ul>
 *   <li><b>Whole codes</b> (up to 384 bits: both shipped local models): every allowed code's
 *       {@link Estimator estimated} cosine and its error bound ({@link EstimateScan}), then exact
 *       cosines of the candidates in descending order of their upper bounds until the next one falls
 *       below the k-th best exact cosine: no unread candidate can beat it then, up to the bounds'
 *       confidence ({@link Estimator#EPSILON}). On real sentence embeddings this reads 10 to 25 times
 *       fewer full vectors at the 99th percentile than the Hamming order below.</li>
 *   <li><b>Longer codes</b>: Hamming distances of every allowed code's first 256 bits (kept in one
 *       array in blocks of eight codes, {@link CodeTable#heads}: the scan is bound by memory
 *       bandwidth) pick {@link #survivorCount} survivors, whose full distances order the rescoring,
 *       with exact cosines taken in Hamming order
 *       until the {@link StoppingRule} says the rest are unlikely to reach the k best (SCORING.md,
 *       step 3). When the rule does not stop, rescoring goes on past the survivors and past the
 *       first-stage bound: at worst every allowed item is rescored, an exact search. (The estimate
 *       pass over 768-bit codes took three times as long on clustered data and lost recall there.)</li>
 * </ul>
 *
 * <p>Ties are cut by ordinal, and a pass split over threads gives the same candidates as one, so the
 * thread count never changes an answer. No scratch is allocated per search ({@link SearchScratch});
 * the answer list is.
 *
 * <p>Reads the table only: the caller holds {@link NamespaceIndex}'s read lock for the whole search.
 */
final class CodeScan {

    /** Below this many codes a scan runs on the calling thread: splitting would cost more than it saves. */
    private static final int PARALLEL_MIN = 32_768;
    /**
     * Below this many codes the Hamming scan of heads (codes longer than 384 bits) runs on the calling
     * thread whatever parallelism is asked. On 2 cores the split was slower at every size measured,
     * on both runtimes (SearchBench, 768-d, warmed up until the JIT was quiet; docs/BENCHMARKS.md):
     * at 100,000 codes p50 0.38 ms on one thread against 0.38-0.47 split on Java 17, 0.25 against 0.39
     * on Java 25 with the Vector API; at 1,000,000 codes 3.41 against 4.11 ms and 2.40 against 3.06,
     * with p99 2 to 4 times lower. The scan is a few popcounts a code, bound by memory that both
     * cores share, and handing its halves to the pool and waiting costs more than it saves. Past 4
     * million codes (over 6 ms of scan on Java 17) the split is kept for machines with more cores and
     * memory bandwidth than this one; nothing measured here says where it starts to pay there.
     */
    static final int HEAD_SCAN_SPLIT_MIN = 1 << 22;
    /** Survivors of the first stage, at least: rescored in full-distance order before the rest of the list. */
    private static final int MIN_SURVIVORS = 1_024;
    /** Candidates rescored at least, whatever the stopping rule says. */
    static final int MIN_RESCORED = 100;
    /**
     * One block of {@link CodeTable#BLOCK} codes in at least every this many is sampled to guess how
     * far the survivors reach: a sixteenth of the items, as every 16th item was, but read whole, so a
     * sixteenth of the heads' memory instead of half of it.
     */
    private static final int SAMPLE_BLOCK_STRIDE = 16;
    /**
     * About the most blocks sampled: past 262,144 slots the stride grows instead. 16,384 samples place
     * the bound (about 1.6% of a million items: twice the survivors) on a few hundred of them; the
     * sixteenth of a million took a sixth of a search.
     */
    private static final int MAX_SAMPLED_BLOCKS = 2_048;

    /** The innermost loops: scalar, or the Vector API's on Java 21+ ({@link Kernels#get}). */
    private static final Kernels KERNELS = Kernels.get();
    /**
     * Tails loaded in one go before their distances are taken: enough misses in flight to cover
     * memory latency, few enough (64 tails, 8 KB at most) to stay in the first-level cache.
     */
    private static final int TOUCH_AHEAD = 64;

    private final CodeTable table;
    private final int dimension;
    private final int words;
    private final int headWords;
    private final int tailWords;
    private final int headScanSplitMin;

    CodeScan(CodeTable table) {
        this(table, HEAD_SCAN_SPLIT_MIN);
    }

    /** @param headScanSplitMin codes from which the head scan is split over the pool (tests lower it) */
    CodeScan(CodeTable table, int headScanSplitMin) {
        this.headScanSplitMin = headScanSplitMin;
        this.table = table;
        this.dimension = table.dimension;
        this.words = table.words;
        this.headWords = table.headWords;
        this.tailWords = table.tailWords;
    }

    /**
     * Survivors of the first stage: rescored first, in the order of their full distances. Grows with
     * {@code top_k} and slowly with the namespace, so hard queries on large namespaces can look far.
     */
    /** Allowed items up to which a filtered search rescores every one of them instead of scanning codes. */
    static final int EXACT_UP_TO = 2_048;

    /**
     * Whether to score every allowed item exactly: when a filter leaves at most {@link #EXACT_UP_TO}
     * of them (the stopping rule's estimates are weakest on a few scattered items, and reading 2,048
     * vectors costs well under a millisecond), or when there are so few that the rule's minimum
     * would read most of them anyway. An unfiltered namespace of a few thousand items keeps the scan,
     * which usually stops after a few hundred (SearchBench --n 2000: 0.2 ms against 0.6 ms exact).
     */
    static boolean exactIsCheaper(int allowedCount, int liveCount, int topK) {
        return allowedCount < liveCount ? allowedCount <= EXACT_UP_TO
                : allowedCount <= 4 * minimumCandidates(topK);
    }

    static int survivorCount(int allowedItems, int liveItems, int topK) {
        long wanted = Math.max(MIN_SURVIVORS, Math.max(16L * topK, liveItems / 125));
        return (int) Math.min(allowedItems, wanted);
    }

    /**
     * The best {@code topK} of the allowed items for the query, best first.
     *
     * @param floor a cosine below which no hit is wanted (minus infinity: none): the estimate pass
     *     drops candidates whose bound is under it, so fewer are read; hits below it may still be
     *     returned, and the other ways of searching ignore it
     * @param allowed flags by ordinal of the items that may be returned (live ones only)
     * @param allowedCount how many flags are set; at least 1
     */
    List<Hit> search(float[] query, float[] thresholds, int topK, float floor, boolean[] allowed, int allowedCount,
                     SearchScratch scratch, ExecutorService pool, int parallelism) {
        int n = table.count();
        if (exactIsCheaper(allowedCount, table.liveCount(), topK)) {
            return exact(query, topK, allowed, n, scratch);
        }
        if (tailWords == 0) {
            return estimated(query, thresholds, topK, floor, allowed, n, scratch, pool, parallelism);
        }
        int survivors = survivorCount(allowedCount, table.liveCount(), topK);
        int maxDistance = headWords * 64;
        scratch.prepareScan(words, maxDistance, dimension, topK);
        long[] queryCode = scratch.queryCode;
        BitCodes.encode(query, thresholds, queryCode, 0);
        scratch.best.reset(topK);
        scratch.rule.reset(topK, minimumCandidates(topK));
        scratch.queryNorm = Cosine.norm(query);
        // Stage 1: Hamming distance of the heads over every allowed item, keeping only those within a
        // bound guessed from a sample. If fewer than the survivors lie within it (a guess too tight,
        // rare), one more pass keeps everything.
        int bound = estimateBound(queryCode, allowed, n, survivors, allowedCount, scratch);
        SearchScratch.Near near = scan(queryCode, allowed, n, bound, pool, parallelism, scratch);
        if (near.size < survivors && bound < maxDistance) {
            bound = maxDistance;
            scratch.sampled = 0;
            near = scan(queryCode, allowed, n, bound, pool, parallelism, scratch);
        }
        // Stage 2: candidates rescored exactly in Hamming order until the stopping rule holds. Almost
        // every search stops within the first tier; data whose codes rank poorly goes on to the rest
        // of the list and then beyond the bound, at worst to every allowed item (an exact search).
        boolean stopped = rescoreSurvivorsThenRest(query, queryCode, near, survivors, bound, allowedCount, scratch);
        if (!stopped && near.size < allowedCount) {
            near = scan(queryCode, allowed, n, maxDistance, pool, parallelism, scratch);
            near.keepBeyond(bound);
            int[] all = scratch.positions(near.size);
            for (int i = 0; i < near.size; i++) {
                all[i] = i;
            }
            fullDistances(queryCode, near, all, near.size, scratch);
            orderAndRescore(query, near.size, null, scratch);
        }
        return answer(scratch);
    }

    /** Every allowed item rescored, no codes read: the answer of an exact search ({@link #exactIsCheaper}). */
    private List<Hit> exact(float[] query, int topK, boolean[] allowed, int n, SearchScratch scratch) {
        scratch.prepare(dimension, topK);
        scratch.best.reset(topK);
        double queryNorm = Cosine.norm(query);
        float[] vector = scratch.vector;
        for (int ordinal = 0; ordinal < n; ordinal++) {
            if (allowed[ordinal]) {
                table.vector(ordinal, vector);
                scratch.best.offer(Cosine.fromDot(Cosine.dot(query, vector), queryNorm, table.norm(ordinal)), ordinal,
                        table.id(ordinal));
                scratch.rescored++;
            }
        }
        return answer(scratch);
    }

    /**
     * Estimated count of allowed items beyond the first-stage bound at each full distance (head
     * distance plus {@code meanTail}), from the sample that chose the bound; null when the list holds
     * every allowed item.
     */
    private double[] beyondBound(int bound, int allowedCount, int meanTail, SearchScratch scratch) {
        if (scratch.sampled == 0) {
            return null;
        }
        double[] beyond = scratch.beyond(dimension + 1);
        double weight = allowedCount / (double) scratch.sampled;
        for (int d = bound + 1; d < scratch.sampleHistogram.length; d++) {
            beyond[Math.min(beyond.length - 1, d + meanTail)] += scratch.sampleHistogram[d] * weight;
        }
        return beyond;
    }

    /**
     * Heads and tails: the survivors (closest heads) are rescored in the order of their full
     * distances; if the rule has not stopped, the rest of the list follows in the same way.
     */
    private boolean rescoreSurvivorsThenRest(float[] query, long[] queryCode, SearchScratch.Near near, int survivors,
                                             int bound, int allowedCount, SearchScratch scratch) {
        int[] chosen = scratch.positions(near.size);
        int chosenCount = SmallestK.select(near.distances, near.size, near.histogram, survivors, chosen);
        int meanTail = fullDistances(queryCode, near, chosen, chosenCount, scratch);
        // What is left after the survivors: the rest of the list, known by head distance, and what
        // lies beyond the bound, known from the sample; both placed at their head distance plus
        // the survivors' mean tail distance, spread as widely as the survivors' tails are.
        double[] beyond = beyondBound(bound, allowedCount, meanTail, scratch);
        if (beyond == null) {
            beyond = scratch.beyond(dimension + 1);
        }
        int headCutoff = SmallestK.cutoff(near.histogram, survivors);
        int takenAtCutoff = chosenCount;
        for (int d = 0; d < headCutoff; d++) {
            takenAtCutoff -= near.histogram[d];
        }
        for (int d = headCutoff; d < near.histogram.length; d++) {
            int notChosen = near.histogram[d] - (d == headCutoff ? takenAtCutoff : 0);
            beyond[Math.min(dimension, d + meanTail)] += notChosen;
        }
        beyond = scratch.spread(beyond, scratch.tailDeviation);
        if (orderAndRescore(query, chosenCount, beyond, scratch)) {
            return true;
        }
        // The positions not chosen: chosen ones are ascending, so one merge-walk finds the rest.
        int[] rest = scratch.rest(near.size);
        int restCount = 0;
        int next = 0;
        for (int i = 0; i < near.size; i++) {
            if (next < chosenCount && chosen[next] == i) {
                next++;
            } else {
                rest[restCount++] = i;
            }
        }
        if (restCount == 0) {
            return false;
        }
        meanTail = fullDistances(queryCode, near, rest, restCount, scratch);
        beyond = beyondBound(bound, allowedCount, meanTail, scratch);
        return orderAndRescore(query, restCount, beyond == null ? null : scratch.spread(beyond, scratch.tailDeviation),
                scratch);
    }

    /**
     * Full distances (head + tail) of the listed positions of {@code near} into the scratch's
     * candidate arrays and histogram; returns the mean tail distance (and leaves their standard
     * deviation in the scratch).
     */
    private int fullDistances(long[] queryCode, SearchScratch.Near near, int[] positions, int count,
                              SearchScratch scratch) {
        int[] ordinalsFull = scratch.candidateOrdinals(count);
        int[] distancesFull = scratch.candidateDistances(count);
        int[] histogram = scratch.fullHistogram;
        Arrays.fill(histogram, 0);
        long tailSum = 0;
        long tailSquares = 0;
        long[] tails = table.tails;
        long touched = 0;
        for (int from = 0; from < count; from += TOUCH_AHEAD) {
            int to = Math.min(count, from + TOUCH_AHEAD);
            // The tails lie at scattered places, each a cache miss. A loop that only loads them (both
            // ends: a tail may span two cache lines) keeps dozens of misses in flight where the
            // popcount loop kept a few: about 3 times faster over 8,000 tails out of cache
            // (bench/run TailProbe).
            for (int i = from; i < to; i++) {
                int start = near.ordinals[positions[i]] * tailWords;
                touched += tails[start] + tails[start + tailWords - 1];
            }
            for (int i = from; i < to; i++) {
                int ordinal = near.ordinals[positions[i]];
                int tail = BitCodes.distance(tails, ordinal * tailWords, queryCode, headWords, tailWords);
                int distance = near.distances[positions[i]] + tail;
                tailSum += tail;
                tailSquares += (long) tail * tail;
                ordinalsFull[i] = ordinal;
                distancesFull[i] = distance;
                histogram[distance]++;
            }
        }
        scratch.touched = touched;
        if (count == 0) {
            scratch.tailDeviation = 0;
            return 0;
        }
        double mean = tailSum / (double) count;
        scratch.tailDeviation = Math.sqrt(Math.max(0, tailSquares / (double) count - mean * mean));
        return (int) Math.round(mean);
    }

    /** Rescoring of the candidates {@link #fullDistances} prepared, in the order of those distances. */
    private boolean orderAndRescore(float[] query, int count, double[] beyond, SearchScratch scratch) {
        int[] order = scratch.order(count);
        int[] distancesFull = scratch.candidateDistances(count);
        SmallestK.order(distancesFull, count, scratch.fullHistogram, order);
        return rescore(query, scratch.candidateOrdinals(count), distancesFull, order, count, scratch.fullHistogram,
                beyond, scratch);
    }

    /**
     * Rescores candidates in the given order, one Hamming distance at a time, asking the stopping
     * rule before each distance. Returns true when the rule stopped it, false when the list ran out.
     *
     * @param ends end offset of each distance's run in {@code order}
     * @param beyond estimated count of allowed items not in this list at each distance, or null
     */
    private boolean rescore(float[] query, int[] candidateOrdinals, int[] candidateDistances, int[] order, int count,
                            int[] ends, double[] beyond, SearchScratch scratch) {
        BestHits best = scratch.best;
        StoppingRule rule = scratch.rule;
        float[] vector = scratch.vector;
        double queryNorm = scratch.queryNorm;
        int i = 0;
        int distance = -1;
        while (i < count) {
            distance = candidateDistances[order[i]];
            if (best.full() && rule.stop(best.worstCosine(), ends, distance, beyond)) {
                return true;
            }
            do {
                int ordinal = candidateOrdinals[order[i]];
                table.vector(ordinal, vector);
                double cosine = Cosine.fromDot(Cosine.dot(query, vector), queryNorm, table.norm(ordinal));
                best.offer(cosine, ordinal, table.id(ordinal));
                rule.add(distance, cosine);
                scratch.rescored++;
                i++;
            } while (i < count && candidateDistances[order[i]] == distance);
        }
        // The list is done: whether to go on depends only on what lies beyond it.
        return best.full() && rule.stop(best.worstCosine(), ends, distance + 1, beyond);
    }

    /** Whole codes: every allowed code estimated, then rescored by bound. */
    private List<Hit> estimated(float[] query, float[] thresholds, int topK, float floor, boolean[] allowed, int n,
                                SearchScratch scratch, ExecutorService pool, int parallelism) {
        scratch.prepare(dimension, topK);
        scratch.estimates.prepare(query, thresholds, words);
        scratch.best.reset(topK);
        scratch.queryNorm = Cosine.norm(query);
        rescoreByBound(query, estimateAll(allowed, n, topK, floor, pool, parallelism, scratch), floor, scratch);
        return answer(scratch);
    }

    /**
     * Estimates every allowed code ({@link EstimateScan}), split over the pool for large namespaces;
     * leaves the candidates as keys in {@link SearchScratch#keys} and returns how many.
     */
    private int estimateAll(boolean[] allowed, int n, int topK, float floor, ExecutorService pool, int parallelism,
                            SearchScratch scratch) {
        Estimator.Query estimates = scratch.estimates;
        EstimateScan.Part[] all = scratch.estimateParts(Math.max(1, parallelism), topK, floor);
        int parts = inParts(n, pool, parallelism, (part, from, to) ->
                EstimateScan.range(table, estimates, allowed, from, to, all[part]));
        return EstimateScan.merge(all, parts, scratch.keys(EstimateScan.total(all, parts)));
    }

    /**
     * Rescores the candidates in {@link SearchScratch#keys} exactly, in descending order of their
     * bounds (a max-heap built in linear time: most searches stop after a few dozen), until the best
     * bound left is below the k-th best exact cosine or the floor, or every candidate is rescored.
     */
    private void rescoreByBound(float[] query, int size, float floor, SearchScratch scratch) {
        long[] keys = scratch.keys(size);
        BoundHeap.build(keys, size);
        BestHits best = scratch.best;
        float[] vector = scratch.vector;
        double queryNorm = scratch.queryNorm;
        while (size > 0) {
            long top = keys[0];
            float bound = BoundHeap.bound(top);
            if (bound < floor || best.full() && bound < best.worstCosine()) {
                return;
            }
            size = BoundHeap.pop(keys, size);
            int ordinal = BoundHeap.ordinal(top);
            table.vector(ordinal, vector);
            best.offer(Cosine.fromDot(Cosine.dot(query, vector), queryNorm, table.norm(ordinal)), ordinal,
                    table.id(ordinal));
            scratch.rescored++;
        }
    }

    /** The kept hits, best first: the only allocation of a search. */
    private List<Hit> answer(SearchScratch scratch) {
        int found = scratch.best.drainBestFirst(scratch.bestCosines, scratch.bestOrdinals);
        Hit[] hits = new Hit[found];
        for (int i = 0; i < found; i++) {
            double cosine = scratch.bestCosines[i];
            hits[i] = new Hit(table.id(scratch.bestOrdinals[i]), cosine, RelevanceScale.score(cosine));
        }
        return Arrays.asList(hits);
    }

    /** Blocks from one sampled block to the next, for a table of {@code n} slots. */
    static int sampleBlockStride(int n) {
        int blocks = (n + CodeTable.BLOCK - 1) / CodeTable.BLOCK;
        return Math.max(SAMPLE_BLOCK_STRIDE, blocks / MAX_SAMPLED_BLOCKS);
    }

    /** Whether the first stage's sample of a table of {@code n} slots holds the slot. */
    static boolean sampled(int ordinal, int n) {
        return (ordinal / CodeTable.BLOCK) % sampleBlockStride(n) == 0;
    }

    /**
     * A head distance within which about twice the wanted survivors lie, from the distances of the
     * {@link #sampled} items. Only the speed depends on it: a bound too tight costs a second pass, one
     * too loose a longer list. Small namespaces keep everything.
     */
    private int estimateBound(long[] queryCode, boolean[] allowed, int n, int survivors, int allowedCount,
                              SearchScratch scratch) {
        int[] histogram = scratch.sampleHistogram;
        int maxDistance = headWords * 64;
        scratch.sampled = 0;
        // Below eight sampled blocks (64 items) there is too little to place a bound on.
        if (allowedCount <= 4 * survivors || n < SAMPLE_BLOCK_STRIDE * CodeTable.BLOCK * 8) {
            return maxDistance;
        }
        int sampled = KERNELS.hammingHistogram4(table.heads, 0, (n + CodeTable.BLOCK - 1) / CodeTable.BLOCK,
                sampleBlockStride(n), queryCode, allowed, n, histogram);
        long needed = 2L * survivors * sampled / allowedCount + 8;
        if (sampled < 64 || needed >= sampled) {
            return maxDistance;
        }
        scratch.sampled = sampled;
        int bound = 0;
        long seen = histogram[0];
        while (seen < needed && bound < maxDistance) {
            seen += histogram[++bound];
        }
        return bound;
    }

    /**
     * Allowed ordinals with a head distance within the bound, ascending, with their histogram; split
     * over the pool for large namespaces, the parts appended in ordinal order. (Counting only these
     * keeps the histogram out of the scan's hot path: a counter incremented for every item stalls on
     * itself whenever neighbours share a distance.)
     */
    private SearchScratch.Near scan(long[] queryCode, boolean[] allowed, int n, int bound, ExecutorService pool,
                                    int parallelism, SearchScratch scratch) {
        SearchScratch.Near near = scratch.near;
        near.clear();
        near.histogram(headWords * 64 + 1);
        int split = n < headScanSplitMin ? 1 : parallelism;
        for (int i = 1; i < split; i++) {
            scratch.part(i).histogram(headWords * 64 + 1);
        }
        int parts = inParts(n, pool, split, (part, from, to) ->
                scanRange(queryCode, allowed, from, to, bound, part == 0 ? near : scratch.partAt(part)));
        for (int i = 1; i < parts; i++) {
            near.addAll(scratch.partAt(i));
        }
        return near;
    }

    /** Work on one range of ordinals, part {@code part} of a split pass. */
    private interface RangeTask {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code task} over ordinals {@code [0, n)}: on the calling thread below {@link #PARALLEL_MIN}
     * or without a pool, else in {@code parallelism} consecutive ranges on the pool, waiting for all.
     * Returns the number of parts; part {@code i} covers the {@code i}-th range. Every range but the
     * last starts and ends on a block of {@link CodeTable#BLOCK} slots, so no block is read twice.
     */
    private static int inParts(int n, ExecutorService pool, int parallelism, RangeTask task) {
        int parts = n < PARALLEL_MIN || pool == null ? 1 : Math.max(1, parallelism);
        if (parts == 1) {
            task.run(0, 0, n);
            return 1;
        }
        int step = ((n + parts - 1) / parts + CodeTable.BLOCK - 1) & -CodeTable.BLOCK;
        // Every range goes to the pool, the caller only waits: so at most the pool's threads scan at
        // once, however many requests search. (Running the first range on the caller saved a hand-off
        // but, with two callers on two cores, put four threads on the cores and tripled the p99.)
        Future<?>[] futures = new Future<?>[(n + step - 1) / step];
        int launched = 0;
        for (int from = 0; from < n; from += step) {
            int part = launched;
            int start = from;
            int end = Math.min(n, from + step);
            futures[launched++] = pool.submit(() -> task.run(part, start, end));
        }
        RuntimeException failure = null;
        boolean interrupted = false;
        // Every part is waited for, even after a failure: none may still write into the scratch then.
        for (int i = 0; i < launched; i++) {
            while (true) {
                try {
                    futures[i].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IllegalStateException("scan failed", e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return launched;
    }

    /**
     * Head distances of a range of ordinals: those within the bound go into {@code near}. Only codes
     * with a tail come here, and their heads are the first 256 bits ({@link CodeTable#headWordsFor}).
     * The {@link Kernels} find the codes within the bound a chunk of blocks at a time (eight codes per
     * instruction with the Vector API); only those are checked against the filter. {@code from}
     * starts a block.
     */
    private void scanRange(long[] queryCode, boolean[] allowed, int from, int to, int bound,
                           SearchScratch.Near near) {
        assert headWords == 4 : "a Hamming scan of " + headWords + "-word heads";
        assert from % CodeTable.BLOCK == 0 : "a range starting inside a block: " + from;
        int[] histogram = near.histogram;
        long[] all = table.heads;
        int[] positions = near.chunkPositions;
        int[] distances = near.chunkDistances;
        for (int start = from; start < to; start += positions.length) {
            int end = Math.min(to, start + positions.length);
            int found = KERNELS.hammingWithin4(all, start / CodeTable.BLOCK,
                    (end + CodeTable.BLOCK - 1) / CodeTable.BLOCK, queryCode, bound, positions, distances);
            if (near.size + found > near.ordinals.length) {
                near.grow(near.size + found);
            }
            int[] ordinalsNear = near.ordinals;
            int[] distancesNear = near.distances;
            int size = near.size;
            for (int i = 0; i < found; i++) {
                int ordinal = start + positions[i];
                // The last block may run past the range (and past the table's count): its codes are not ours.
                if (ordinal < end && allowed[ordinal]) {
                    int distance = distances[i];
                    histogram[distance]++;
                    ordinalsNear[size] = ordinal;
                    distancesNear[size++] = distance;
                }
            }
            near.size = size;
        }
    }

    /**
     * The fewest candidates rescored for a search, before the stopping rule may end it: enough for the
     * rule's estimate to rest on (SCORING.md, step 3).
     */
    static int minimumCandidates(int topK) {
        return Math.max(MIN_RESCORED, 2 * topK);
    }
}
