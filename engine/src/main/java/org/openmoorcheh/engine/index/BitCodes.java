package org.openmoorcheh.engine.index;

/**
 * Binary codes: one bit per dimension, set when the value is above that dimension's threshold,
 * packed 64 to a {@code long}. Distances are Hamming distances, counted with {@link Long#bitCount}
 * (one POPCNT instruction on x86-64 and ARMv8).
 */
public final class BitCodes {

    private BitCodes() {
    }

    /** Words per code for a dimension. */
    public static int words(int dimension) {
        return (dimension + 63) >>> 6;
    }

    /**
     * Writes the code of {@code vector} into {@code codes} at word {@code offset}.
     *
     * @throws IllegalArgumentException when the vector and thresholds differ in length
     */
    public static void encode(float[] vector, float[] thresholds, long[] codes, int offset) {
        if (vector.length != thresholds.length) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, thresholds have "
                    + thresholds.length);
        }
        int words = words(vector.length);
        for (int w = 0; w < words; w++) {
            long word = 0;
            int base = w << 6;
            int end = Math.min(base + 64, vector.length);
            for (int d = base; d < end; d++) {
                // Branch-free: the sign bit of (threshold - value) is set exactly when value >
                // threshold. With a branch, half the comparisons of typical data mispredict, which
                // made encoding the largest cost of vector ingestion.
                long above = Float.floatToRawIntBits(thresholds[d] - vector[d]) >>> 31;
                word |= above << (d - base);
            }
            codes[offset + w] = word;
        }
    }

    /** Hamming distance between the code at {@code a[aOffset]} and the code at {@code b[bOffset]}. */
    public static int distance(long[] a, int aOffset, long[] b, int bOffset, int words) {
        int distance = 0;
        for (int w = 0; w < words; w++) {
            distance += Long.bitCount(a[aOffset + w] ^ b[bOffset + w]);
        }
        return distance;
    }
}
