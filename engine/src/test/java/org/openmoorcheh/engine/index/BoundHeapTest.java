package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@link BoundHeap} against a sort of the same candidates: bound descending, then ordinal ascending. */
class BoundHeapTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @RepeatedTest(50)
    void popsInTheOrderOfASort() {
        Random random = new Random(SEED ^ System.nanoTime());
        int size = random.nextInt(2_000);
        long[] keys = new long[size];
        float[][] reference = new float[size][];
        for (int i = 0; i < size; i++) {
            // Few distinct values, negative and positive, so ties and signs are both exercised.
            float bound = random.nextBoolean() ? (random.nextInt(21) - 10) / 10f : (float) random.nextGaussian();
            int ordinal = random.nextInt(Integer.MAX_VALUE);
            keys[i] = BoundHeap.key(bound, ordinal);
            reference[i] = new float[] {bound, ordinal};
            assertThat(BoundHeap.bound(keys[i])).isEqualTo(bound);
            assertThat(BoundHeap.ordinal(keys[i])).isEqualTo(ordinal);
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        long[] sortedKeys = keys.clone();
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -reference[i][0])
                .thenComparingLong(i -> BoundHeap.ordinal(sortedKeys[i])));
        BoundHeap.build(keys, size);
        assertThat(BoundHeap.isHeap(keys, size)).as("seed " + SEED).isTrue();
        int left = size;
        for (int i = 0; i < size; i++) {
            long top = keys[0];
            left = BoundHeap.pop(keys, left);
            assertThat(top).as("seed " + SEED + ", pop " + i).isEqualTo(sortedKeys[order[i]]);
            assertThat(BoundHeap.isHeap(keys, left)).isTrue();
        }
    }

    @Test
    void extremeBoundsAndOrdinalsRoundTrip() {
        for (float bound : new float[] {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1, -0f, 0, Float.MIN_VALUE, 1,
                Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
            for (int ordinal : new int[] {0, 1, Integer.MAX_VALUE}) {
                long key = BoundHeap.key(bound, ordinal);
                assertThat(BoundHeap.bound(key)).isEqualTo(bound);
                assertThat(BoundHeap.ordinal(key)).isEqualTo(ordinal);
            }
        }
        assertThat(BoundHeap.key(1, 5)).isGreaterThan(BoundHeap.key(-1, 5)).isGreaterThan(BoundHeap.key(-2, 0));
        assertThat(BoundHeap.key(0.5, 3)).isGreaterThan(BoundHeap.key(0.5, 4));
    }
}
