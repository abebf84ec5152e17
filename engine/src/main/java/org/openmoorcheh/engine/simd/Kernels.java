package org.openmoorcheh.engine.simd;

/**
 * The engine's innermost loops, chosen once per process ({@link #get}): {@link ScalarKernels} on
 * Java 17, or the Vector API's (class {@code PanamaKernels}, in the jar's
 * {@code META-INF/versions/21}) on Java 21 and later when {@code jdk.incubator.vector} is present.
 *
 * <p>Every implementation returns bit-identical results for the same arguments: the float
 * operations, their rounding and the order in which they are added are part of each method's
 * contract, not left to the implementation. So a search answers the same on every runtime and a
 * test can compare them exactly ({@code KernelsTest}).
 */
public interface Kernels {

    /**
     * The dot product of the first {@code length} elements of {@code a} and {@code b}: each product
     * rounded to float (as {@code a[i] * b[i]} is in Java), widened to double and added to one of
     * eight double sums by {@code i % 8}, in ascending {@code i}; the sums then added as
     * {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. Eight independent sums keep the
     * adders busy on a scalar CPU and are exactly the lanes of one 512-bit vector of doubles.
     */
    double dot(float[] a, float[] b, int length);

    /** Codes per block of the layout the code kernels read. */
    int BLOCK = 8;

    /**
     * The codes of blocks {@code [fromBlock, toBlock)} of {@code heads} within Hamming distance
     * {@code bound} of a 4-word query, in ascending order: their positions (from the first code of
     * {@code fromBlock}) into {@code positions}, their distances into {@code distances}; returns how
     * many. {@code heads} holds 4 words a code, stored in blocks of {@value #BLOCK} codes word by
     * word: word {@code w} of code {@code j} of block {@code b} at {@code (b * 4 + w) * 8 + j}. Both
     * arrays hold at least {@code 8 * (toBlock - fromBlock)} entries; those past the count returned
     * may be overwritten.
     */
    int hammingWithin4(long[] heads, int fromBlock, int toBlock, long[] query, int bound, int[] positions,
                       int[] distances);

    /**
     * Adds to {@code histogram} the Hamming distance to a 4-word query of every allowed code in blocks
     * {@code fromBlock}, {@code fromBlock + blockStride}, ... below {@code toBlock} of {@code heads}
     * (laid out as for {@link #hammingWithin4}), slots at or past {@code n} left out; returns how many
     * were added. The first stage's sample: one call, not one a block, and no lists.
     */
    int hammingHistogram4(long[] heads, int fromBlock, int toBlock, int blockStride, long[] query, boolean[] allowed,
                          int n, int[] histogram);

    /**
     * The first pass over whole codes of 6 words (384 bits), heads and their five estimate factors
     * both in blocks of {@value #BLOCK} slots (word {@code w} of slot {@code s} at
     * {@code (s / 8 * 6 + w) * 8 + s % 8}, factor {@code f} at {@code (s / 8 * 5 + f) * 8 + s % 8}). For each
     * slot of {@code [from, to)} ({@code from} starting a block) that is {@code allowed}: its dot with
     * a 2-bit query of two bit planes ({@code planes[w]} bit 0, {@code planes[6 + w]} bit 1),
     * {@code d = sum over w of bitCount(code[w] & planes[w]) + 2 * bitCount(code[w] & planes[6 + w])},
     * and its upper bound
     * {@code u = (float) (((s * (t[0] * p + t[1] * d - t[2]) + c + n * t[3]) + (e * t[4] + s * t[5])) * t[6])},
     * where {@code s, c, n, e, p} are its factors 0 to 4 widened to double and {@code t} the query's
     * terms, each operation a double one in Java's order. The slots where {@code u < floor} is false
     * go, in ascending order, into {@code positions} (as {@code slot - from}) and {@code uppers};
     * returns how many.
     */
    int coarseCandidates6(long[] heads, float[] factors, boolean[] allowed, int from, int to, long[] planes,
                          double[] t, float floor, int[] positions, float[] uppers);

    /** What the search runs on, for the start-up log: "scalar" or "Vector API, N-bit". */
    String description();

    /** The kernels of this process. */
    static Kernels get() {
        return KernelsChoice.KERNELS;
    }
}
