package org.openmoorcheh.engine.index;

import java.util.Arrays;
import org.openmoorcheh.engine.simd.Kernels;

/**
 * The estimate pass over a range of ordinals: each allowed code's estimated cosine and error bound
 * ({@link Estimator}), keeping as candidates those whose upper bound reaches the k-th greatest lower
 * bound seen so far. The k-th greatest lower bound over the allowed items is below the k-th best
 * exact cosine (up to the bounds' confidence), so an item whose upper bound is under it cannot be in
 * the answer. Nor can one whose upper bound is under the floor a search was given (a cosine below
 * which it wants no hit: {@link CodeScan#search}).
 *
 * <p>Popcounts are the cost, so each code is first bounded with the 2-bit query (half the popcounts
 * of the 4-bit one), and only a code whose coarse bound reaches the floor is estimated with the
 * 4-bit query; its bound is the lesser of the two (both hold, up to their confidence), and its lower
 * bound is taken no greater than that. Parts of a parallel pass keep their own candidates and lower
 * bounds; {@link #merge} applies the floor over all of them, so the candidates do not depend on how
 * the range was split (a part's running floor is never above the final one, and an item it left out
 * had a bound under it).
 *
 * <p>Not thread-safe: one part per thread, read by the caller after the pass completes.
 */
final class EstimateScan {

    /** The innermost loops: scalar, or the Vector API's on Java 21+ ({@link Kernels#get}). */
    private static final Kernels KERNELS = Kernels.get();

    private EstimateScan() {
    }

    /** Candidates of one part of the pass ({@link BoundHeap} keys) and its k greatest lower bounds. */
    static final class Part {
        long[] keys = new long[256];
        int size;
        /** Candidates of one chunk and their coarse bounds, as the kernels write them. */
        final int[] chunkPositions = new int[SearchScratch.CHUNK];
        final float[] chunkUppers = new float[SearchScratch.CHUNK];
        /** The query's terms of the coarse bound, for the kernels. */
        final double[] terms = new double[7];
        final LowerBounds lowers = new LowerBounds();

        void reset(int k, float floor) {
            size = 0;
            lowers.reset(k, floor);
        }

        void add(long key) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = key;
        }

        void trim() {
            if (keys.length > SearchScratch.KEEP_ENTRIES) {
                keys = new long[256];
            }
        }
    }

    /**
     * The greatest lower bounds seen, at most {@code k}: a min-heap over a reused array, and the
     * floor they set, never below the search's own (a hit below that one is not wanted).
     */
    static final class LowerBounds {
        private float[] heap = new float[16];
        private int count;
        private int k;
        private float wanted;

        /** @param wanted the cosine below which the search wants no hit; minus infinity for none */
        void reset(int k, float wanted) {
            this.k = k;
            this.wanted = wanted;
            count = 0;
            if (heap.length < k) {
                heap = new float[k];
            }
        }

        /** The k-th greatest lower bound so far (minus infinity before k were seen), or the wanted floor if higher. */
        float floor() {
            return count < k ? wanted : Math.max(wanted, heap[0]);
        }

        void offer(float bound) {
            if (count < k) {
                int i = count++;
                while (i > 0 && heap[(i - 1) >>> 1] > bound) {
                    heap[i] = heap[(i - 1) >>> 1];
                    i = (i - 1) >>> 1;
                }
                heap[i] = bound;
            } else if (bound > heap[0]) {
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= bound) {
                        break;
                    }
                    heap[i] = heap[child];
                    i = child;
                }
                heap[i] = bound;
            }
        }

        /** Offers every bound another part kept (a part of the same search: the same wanted floor). */
        void offerAll(LowerBounds other) {
            assert other.wanted == wanted : other.wanted + " " + wanted;
            for (int i = 0; i < other.count; i++) {
                offer(other.heap[i]);
            }
        }
    }

    /**
     * Estimates the allowed codes of ordinals {@code [from, to)} into {@code part} (reset by the
     * caller). Whole codes only: longer ones keep no factors ({@link CodeTable#factorsPerSlot}).
     */
    static void range(CodeTable table, Estimator.Query query, boolean[] allowed, int from, int to, Part part) {
        assert table.tailWords == 0 : "codes with tails have no estimate factors";
        if (table.words == 6) {
            range6(table, query, allowed, from, to, part);
            return;
        }
        long[] heads = table.heads;
        float[] factors = table.factors;
        long[] fine = query.fine.planes;
        long[] coarse = query.coarse.planes;
        int words = table.words;
        Bounds f = query.fineBounds;
        Bounds c = query.coarseBounds;
        float floor = part.lowers.floor();
        for (int ordinal = from; ordinal < to; ordinal++) {
            if (!allowed[ordinal]) {
                continue;
            }
            int base = CodeTable.headIndex(ordinal, words);
            int coarseDot = 0;
            for (int w = 0; w < words; w++) {
                long code = heads[base + w * CodeTable.BLOCK];
                coarseDot += Long.bitCount(code & coarse[w]) + 2 * Long.bitCount(code & coarse[words + w]);
            }
            int at = CodeTable.factorIndex(ordinal);
            float upperCoarse = c.upper(factors, at, coarseDot);
            if (upperCoarse < floor) {
                continue;
            }
            int codeDot = Estimator.codeDot(heads, base, CodeTable.BLOCK, fine, 0, words, words);
            floor = keep(part, ordinal, upperCoarse, f, factors, at, codeDot, floor);
        }
    }

    /**
     * {@link #range} for whole 384-bit codes (both shipped local models): the {@link Kernels} find the
     * allowed codes of a chunk whose coarse bound reaches the floor (eight codes per instruction with
     * the Vector API: popcounts, terms and bound); only those are estimated at 4 bits, against the
     * floor as it is then (it only rises, so a candidate found against an older one is checked
     * again). {@code from} starts a block.
     */
    private static void range6(CodeTable table, Estimator.Query query, boolean[] allowed, int from, int to,
                               Part part) {
        assert from % CodeTable.BLOCK == 0 : "a range starting inside a block: " + from;
        long[] heads = table.heads;
        float[] factors = table.factors;
        long[] fine = query.fine.planes;
        long[] coarse = query.coarse.planes;
        int[] positions = part.chunkPositions;
        float[] uppers = part.chunkUppers;
        double[] terms = part.terms;
        query.coarseBounds.terms(terms);
        Bounds f = query.fineBounds;
        float floor = part.lowers.floor();
        for (int start = from; start < to; start += positions.length) {
            int end = Math.min(to, start + positions.length);
            int found = KERNELS.coarseCandidates6(heads, factors, allowed, start, end, coarse, terms, floor, positions,
                    uppers);
            for (int i = 0; i < found; i++) {
                float upperCoarse = uppers[i];
                if (upperCoarse < floor) {
                    continue;
                }
                int ordinal = start + positions[i];
                int codeDot = Estimator.codeDot(heads, CodeTable.headIndex(ordinal, 6), CodeTable.BLOCK, fine, 0, 6, 6);
                floor = keep(part, ordinal, upperCoarse, f, factors, CodeTable.factorIndex(ordinal), codeDot, floor);
            }
        }
    }

    /**
     * Estimates a code that passed the coarse bound with the 4-bit query and keeps it if its bound
     * reaches the floor; returns the new floor.
     */
    private static float keep(Part part, int ordinal, float upperCoarse, Bounds f, float[] factors, int at,
                              int codeDot, float floor) {
        double estimate = f.estimate(factors, at, codeDot);
        double error = f.error(factors, at);
        float upper = Math.min(upperCoarse, f.scaled(estimate + error));
        if (upper < floor) {
            return floor;
        }
        part.add(BoundHeap.key(upper, ordinal));
        float lower = Math.min(upper, f.scaled(estimate - error));
        if (lower > floor) {
            part.lowers.offer(lower);
            return part.lowers.floor();
        }
        return floor;
    }

    /**
     * The candidates of all parts whose bound reaches the k-th greatest lower bound over all of them,
     * as keys in {@code into} (in part order); returns how many.
     */
    static int merge(Part[] parts, int count, long[] into) {
        LowerBounds lowers = parts[0].lowers;
        for (int p = 1; p < count; p++) {
            lowers.offerAll(parts[p].lowers);
        }
        float floor = lowers.floor();
        int size = 0;
        for (int p = 0; p < count; p++) {
            Part part = parts[p];
            for (int i = 0; i < part.size; i++) {
                long key = part.keys[i];
                if (BoundHeap.bound(key) >= floor) {
                    into[size++] = key;
                }
            }
        }
        return size;
    }

    /** Candidates held by the parts before {@link #merge}: the room it needs. */
    static int total(Part[] parts, int count) {
        int total = 0;
        for (int p = 0; p < count; p++) {
            total += parts[p].size;
        }
        return total;
    }

    /**
     * The estimate and the half-width of its bound (the formula of {@link Estimator}) for one
     * quantisation, times the query's norm, with the query's terms in fields: read into registers once per pass. Set once
     * per query ({@link Estimator.Query#prepare}).
     */
    static final class Bounds {
        /** The stride of an item's terms in the table's factors. */
        private static final int B = CodeTable.BLOCK;
        double twiceLow;
        double twiceDelta;
        double planeSum;
        double centreDot;
        double errorOfCode;
        double errorOfRounding;
        double inverseNorm;

        /** Takes the terms of a query just prepared. */
        void set(Estimator.Query query, Estimator.Quantised quantised) {
            twiceLow = 2 * quantised.low;
            twiceDelta = 2 * quantised.delta;
            planeSum = quantised.planeSum;
            centreDot = query.centreDot;
            errorOfCode = query.errorOfCode;
            errorOfRounding = quantised.errorOfRounding;
            inverseNorm = query.norm == 0 ? 0 : 1 / query.norm;
        }

        /** The estimate times the query's norm; the item's terms at {@code at}, {@code at + B}, ... ({@link CodeTable#factorIndex}). */
        double estimate(float[] factors, int at, int codeDot) {
            return factors[at] * (twiceLow * factors[at + 4 * B] + twiceDelta * codeDot - planeSum)
                    + factors[at + B] + factors[at + 2 * B] * centreDot;
        }

        double error(float[] factors, int at) {
            return factors[at + 3 * B] * errorOfCode + factors[at] * errorOfRounding;
        }

        /** The terms, in the order {@link Kernels#coarseCandidates6} takes them. */
        void terms(double[] into) {
            into[0] = twiceLow;
            into[1] = twiceDelta;
            into[2] = planeSum;
            into[3] = centreDot;
            into[4] = errorOfCode;
            into[5] = errorOfRounding;
            into[6] = inverseNorm;
        }

        float upper(float[] factors, int at, int codeDot) {
            return scaled(estimate(factors, at, codeDot) + error(factors, at));
        }

        /** A cosine from a value times the query's norm, as the float the keys hold. */
        float scaled(double timesNorm) {
            return (float) (timesNorm * inverseNorm);
        }
    }
}
