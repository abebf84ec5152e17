package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The selection routine against a brute-force reference (a stable sort by distance) on random inputs. */
class SmallestKTest {

    private final Random random = new Random();

    @RepeatedTest(200)
    void selectAndOrderAgreeWithAStableSort() {
        long seed = random.nextLong();
        Random r = new Random(seed);
        int size = r.nextInt(300);
        int maxDistance = 1 + r.nextInt(r.nextBoolean() ? 4 : 200); // few distinct values: many ties
        int[] distances = new int[size];
        int[] histogram = new int[maxDistance + 1];
        for (int i = 0; i < size; i++) {
            distances[i] = r.nextInt(maxDistance + 1);
            histogram[distances[i]]++;
        }
        List<Integer> reference = IntStream.range(0, size).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> distances[i])).toList(); // stable: ties by position
        int k = 1 + r.nextInt(size + 5);

        int[] chosen = new int[size];
        int taken = SmallestK.select(distances, size, histogram.clone(), k, chosen);
        List<Integer> expected = new ArrayList<>(reference.subList(0, Math.min(k, size)));
        expected.sort(Integer::compare); // select returns positions in list order
        assertThat(taken).as("seed %d", seed).isEqualTo(Math.min(k, size));
        assertThat(IntStream.of(chosen).limit(taken).boxed().toList()).as("seed %d", seed).isEqualTo(expected);

        int cutoff = SmallestK.cutoff(histogram, k);
        if (size >= k) {
            assertThat(cutoff).as("seed %d", seed).isEqualTo(distances[reference.get(k - 1)]);
        } else {
            assertThat(cutoff).as("seed %d", seed).isEqualTo(maxDistance);
        }

        int[] order = new int[size];
        SmallestK.order(distances, size, histogram.clone(), order);
        assertThat(IntStream.of(order).boxed().toList()).as("seed %d", seed).isEqualTo(reference);
    }

    @Test
    void emptyAndAllEqual() {
        assertThat(SmallestK.select(new int[0], 0, new int[3], 5, new int[0])).isZero();
        int[] same = {2, 2, 2, 2};
        int[] chosen = new int[4];
        assertThat(SmallestK.select(same, 4, new int[] {0, 0, 4}, 2, chosen)).isEqualTo(2);
        assertThat(chosen[0]).isZero();
        assertThat(chosen[1]).isEqualTo(1);
    }
}
