package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Off-heap storage against a plain map of arrays, across block boundaries and overwrites. */
class OffHeapVectorsTest {

    @Test
    void readsBackWhatWasLastWrittenInEverySlot() {
        Random random = new Random(17);
        int dimension = 16_384; // 64 KiB each: a 64 MiB block holds 1,024 slots, so 2,500 span three
        OffHeapVectors vectors = new OffHeapVectors(dimension);
        Map<Integer, float[]> reference = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            int ordinal = random.nextInt(2_500);
            float[] vector = new float[dimension];
            vector[0] = ordinal;
            vector[dimension - 1] = random.nextFloat();
            vector[random.nextInt(dimension)] = random.nextFloat();
            vectors.put(ordinal, vector);
            reference.put(ordinal, vector);
        }
        float[] into = new float[dimension];
        reference.forEach((ordinal, expected) -> {
            vectors.get(ordinal, into);
            assertThat(Arrays.equals(into, expected)).as("slot %d", ordinal).isTrue();
        });
        long perBlock = (64L << 20) / (dimension * Float.BYTES);
        int maxOrdinal = reference.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(vectors.bytes()).isEqualTo((maxOrdinal / perBlock + 1) * perBlock * dimension * Float.BYTES);
    }
}
