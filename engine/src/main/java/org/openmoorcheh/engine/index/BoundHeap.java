package org.openmoorcheh.engine.index;

/**
 * A max-heap of candidates by the upper bound of their estimated cosine, in a {@code long[]} the
 * caller reuses: each entry is one key, the bound's float bits made order-preserving in the high
 * half and {@code Integer.MAX_VALUE - ordinal} in the low half. So a greater key is a greater bound,
 * or an equal bound and a lower ordinal: the order of candidates is a function of the data alone.
 *
 * <p>Invariant: {@code keys[i] >= keys[2i + 1]} and {@code keys[i] >= keys[2i + 2]} for every entry
 * below the size; {@link #build} makes it hold in linear time, {@link #pop} keeps it.
 */
final class BoundHeap {

    private BoundHeap() {
    }

    /** The key of a candidate: its bound (rounded to a float) and ordinal. */
    static long key(double bound, int ordinal) {
        assert ordinal >= 0 : ordinal;
        int bits = Float.floatToIntBits((float) bound);
        // Negative floats sort in reverse as integers: flipping all but the sign bit orders them.
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | (Integer.MAX_VALUE - ordinal);
    }

    static float bound(long key) {
        int bits = (int) (key >> 32);
        bits ^= (bits >> 31) & 0x7fffffff;
        return Float.intBitsToFloat(bits);
    }

    static int ordinal(long key) {
        return Integer.MAX_VALUE - (int) key;
    }

    /** Makes the first {@code size} keys a heap (Floyd's construction). */
    static void build(long[] keys, int size) {
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            down(keys, i, size);
        }
        assert isHeap(keys, size);
    }

    /** Removes the greatest key (the root, which the caller has read); returns the new size. */
    static int pop(long[] keys, int size) {
        size--;
        keys[0] = keys[size];
        down(keys, 0, size);
        return size;
    }

    private static void down(long[] keys, int i, int size) {
        long key = keys[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] > keys[child]) {
                child++;
            }
            if (keys[child] <= key) {
                break;
            }
            keys[i] = keys[child];
            i = child;
        }
        keys[i] = key;
    }

    static boolean isHeap(long[] keys, int size) {
        for (int i = 1; i < size; i++) {
            if (keys[(i - 1) >>> 1] < keys[i]) {
                return false;
            }
        }
        return true;
    }
}
