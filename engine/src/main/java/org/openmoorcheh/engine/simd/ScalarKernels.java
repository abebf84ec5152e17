package org.openmoorcheh.engine.simd;

/** The {@link Kernels} in plain Java: what runs on Java 17, and the reference for the others. */
public final class ScalarKernels implements Kernels {

    @Override
    public double dot(float[] a, float[] b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (int end = length - 7; i < end; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        return finishDot(a, b, i, length, s0, s1, s2, s3, s4, s5, s6, s7);
    }

    /**
     * The end of {@link Kernels#dot} for every implementation: the last (fewer than eight) products,
     * from {@code i} on, into the sums their positions name, as a vector's lanes would take them;
     * then the sums added in the contract's order.
     */
    static double finishDot(float[] a, float[] b, int i, int length, double s0, double s1, double s2, double s3,
                            double s4, double s5, double s6, double s7) {
        int rest = length - i;
        if (rest > 0) {
            s0 += a[i] * b[i];
        }
        if (rest > 1) {
            s1 += a[i + 1] * b[i + 1];
        }
        if (rest > 2) {
            s2 += a[i + 2] * b[i + 2];
        }
        if (rest > 3) {
            s3 += a[i + 3] * b[i + 3];
        }
        if (rest > 4) {
            s4 += a[i + 4] * b[i + 4];
        }
        if (rest > 5) {
            s5 += a[i + 5] * b[i + 5];
        }
        if (rest > 6) {
            s6 += a[i + 6] * b[i + 6];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public int hammingWithin4(long[] heads, int fromBlock, int toBlock, long[] query, int bound, int[] positions,
                              int[] distances) {
        long q0 = query[0];
        long q1 = query[1];
        long q2 = query[2];
        long q3 = query[3];
        int found = 0;
        for (int o = fromBlock * 32, end = toBlock * 32, position = 0; o < end; o += 32) {
            for (int j = 0; j < BLOCK; j++, position++) {
                int distance = Long.bitCount(heads[o + j] ^ q0) + Long.bitCount(heads[o + 8 + j] ^ q1)
                        + Long.bitCount(heads[o + 16 + j] ^ q2) + Long.bitCount(heads[o + 24 + j] ^ q3);
                if (distance <= bound) {
                    positions[found] = position;
                    distances[found++] = distance;
                }
            }
        }
        return found;
    }

    @Override
    public int hammingHistogram4(long[] heads, int fromBlock, int toBlock, int blockStride, long[] query,
                                 boolean[] allowed, int n, int[] histogram) {
        long q0 = query[0];
        long q1 = query[1];
        long q2 = query[2];
        long q3 = query[3];
        int added = 0;
        for (int b = fromBlock; b < toBlock; b += blockStride) {
            int o = b * 32;
            int first = b * BLOCK;
            int lanes = Math.min(BLOCK, n - first);
            for (int j = 0; j < lanes; j++) {
                if (allowed[first + j]) {
                    histogram[Long.bitCount(heads[o + j] ^ q0) + Long.bitCount(heads[o + 8 + j] ^ q1)
                            + Long.bitCount(heads[o + 16 + j] ^ q2) + Long.bitCount(heads[o + 24 + j] ^ q3)]++;
                    added++;
                }
            }
        }
        return added;
    }

    @Override
    public int coarseCandidates6(long[] heads, float[] factors, boolean[] allowed, int from, int to, long[] planes,
                                 double[] t, float floor, int[] positions, float[] uppers) {
        return coarseCandidates6(heads, factors, allowed, from, to, planes, t, floor, positions, uppers, 0, 0);
    }

    /**
     * {@link #coarseCandidates6(long[], float[], boolean[], int, int, long[], double[], float, int[], float[])}
     * appending after the first {@code found} entries, positions counted from {@code from - base}
     * (the Vector API kernels' last, partial block); returns the new count.
     */
    static int coarseCandidates6(long[] heads, float[] factors, boolean[] allowed, int from, int to, long[] planes,
                                 double[] t, float floor, int[] positions, float[] uppers, int found, int base) {
        long a0 = planes[0];
        long a1 = planes[1];
        long a2 = planes[2];
        long a3 = planes[3];
        long a4 = planes[4];
        long a5 = planes[5];
        long b0 = planes[6];
        long b1 = planes[7];
        long b2 = planes[8];
        long b3 = planes[9];
        long b4 = planes[10];
        long b5 = planes[11];
        double t0 = t[0];
        double t1 = t[1];
        double t2 = t[2];
        double t3 = t[3];
        double t4 = t[4];
        double t5 = t[5];
        double t6 = t[6];
        assert (from & (BLOCK - 1)) == 0 : "a range starting inside a block: " + from;
        // Block by block, so that the indexes of the inner loop are linear in it and the JIT checks
        // the arrays' bounds once a block rather than at every read (a loop over slots computing
        // each slot's index was 10-15% slower on Java 17).
        for (int start = from; start < to; start += BLOCK) {
            int o = (start >>> 3) * 48;
            int f = (start >>> 3) * 40;
            int lanes = Math.min(BLOCK, to - start);
            for (int j = 0; j < lanes; j++) {
                if (!allowed[start + j]) {
                    continue;
                }
                long c0 = heads[o + j];
                long c1 = heads[o + 8 + j];
                long c2 = heads[o + 16 + j];
                long c3 = heads[o + 24 + j];
                long c4 = heads[o + 32 + j];
                long c5 = heads[o + 40 + j];
                int d = Long.bitCount(c0 & a0) + Long.bitCount(c1 & a1) + Long.bitCount(c2 & a2)
                        + Long.bitCount(c3 & a3) + Long.bitCount(c4 & a4) + Long.bitCount(c5 & a5)
                        + 2 * (Long.bitCount(c0 & b0) + Long.bitCount(c1 & b1) + Long.bitCount(c2 & b2)
                        + Long.bitCount(c3 & b3) + Long.bitCount(c4 & b4) + Long.bitCount(c5 & b5));
                double s = factors[f + j];
                float u = (float) (((s * (t0 * factors[f + 32 + j] + t1 * d - t2) + factors[f + 8 + j]
                        + factors[f + 16 + j] * t3) + (factors[f + 24 + j] * t4 + s * t5)) * t6);
                if (!(u < floor)) {
                    positions[found] = start + j - from + base;
                    uppers[found++] = u;
                }
            }
        }
        return found;
    }

    @Override
    public String description() {
        return "scalar";
    }
}
