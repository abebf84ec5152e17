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
     * word: word {@code w} of code {@code j} of block {@code b} at {@code (b * 4 + w) * 8 + j}.
     */
    int hammingWithin4(long[] heads, int fromBlock, int toBlock, long[] query, int bound, int[] positions,
                       int[] distances);

    /**
     * For codes of 6 words in the same layout, the dot product of each with a 2-bit query given as
     * two bit planes of 6 words ({@code planes[w]} bit 0, {@code planes[6 + w]} bit 1): the sum over
     * {@code w} of {@code bitCount(code[w] & planes[w]) + 2 * bitCount(code[w] & planes[6 + w])}.
     */
    void coarseDots6(long[] heads, int fromBlock, int toBlock, long[] planes, int[] into);

    /** What the search runs on, for the start-up log: "scalar" or "Vector API, N-bit". */
    String description();

    /** The kernels of this process. */
    static Kernels get() {
        return KernelsChoice.KERNELS;
    }
}
