package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchScratchTest {

    /**
     * The scratch given back last is taken first (its arrays are the likeliest in the cache), and
     * never one a search still holds.
     */
    @Test
    void aSearchTakesTheScratchReleasedLastAndNeverOneInUse() {
        SearchScratch first = SearchScratch.get();
        SearchScratch second = SearchScratch.get();
        assertThat(second).isNotSameAs(first);
        first.release();
        second.release();
        SearchScratch again = SearchScratch.get();
        SearchScratch next = SearchScratch.get();
        assertThat(again).isSameAs(second);
        assertThat(next).isSameAs(first);
        again.release();
        next.release();
    }

    /** A burst of concurrent searches does not keep its scratches for ever: at most MAX_KEPT stay. */
    @Test
    void noMoreThanMaxKeptScratchesStayAfterABurst() {
        java.util.List<SearchScratch> burst = new java.util.ArrayList<>();
        for (int i = 0; i < SearchScratch.MAX_KEPT + 5; i++) {
            burst.add(SearchScratch.get());
        }
        assertThat(new java.util.HashSet<>(burst)).hasSize(burst.size());
        burst.forEach(SearchScratch::release);
        assertThat(SearchScratch.kept()).isEqualTo(SearchScratch.MAX_KEPT);
    }

    /** What a search read is kept for the thread that ran it, whichever scratch it had. */
    @Test
    void theVectorsReadAreTheCallingThreadsLastSearchs() throws Exception {
        SearchScratch mine = SearchScratch.get();
        mine.rescored = 7;
        mine.release();
        Thread other = new Thread(() -> {
            SearchScratch theirs = SearchScratch.get();
            theirs.rescored = 9;
            theirs.release();
        });
        other.start();
        other.join();
        assertThat(SearchScratch.lastRescored()).isEqualTo(7);
    }

    /** The smoothing the stopping rule reads, against its definition computed the slow way. */
    @Test
    void spreadIsTheHistogramConvolvedWithATruncatedGaussianClampedAtTheEnds() {
        Random random = new Random(27);
        SearchScratch scratch = new SearchScratch();
        for (int round = 0; round < 500; round++) {
            int length = 1 + random.nextInt(800);
            double[] counts = new double[length];
            int filled = random.nextInt(length + 1);
            for (int i = 0; i < filled; i++) {
                counts[random.nextInt(length)] += random.nextInt(4) == 0 ? random.nextDouble() * 50 : random.nextInt(30);
            }
            double deviation = random.nextInt(10) == 0 ? random.nextDouble() * 0.3 : random.nextDouble() * 40;
            double[] expected = reference(counts, deviation);

            double[] actual = scratch.spread(counts.clone(), deviation).clone();

            assertThat(actual).hasSize(length);
            double sum = 0;
            for (int d = 0; d < length; d++) {
                assertThat(actual[d]).as("distance %d of %d, deviation %f", d, length, deviation)
                        .isCloseTo(expected[d], within(1e-9 * (1 + Math.abs(expected[d]))));
                sum += counts[d];
            }
            // Nothing is lost at the ends: the smoothed histogram counts as many items.
            assertThat(java.util.Arrays.stream(actual).sum()).isCloseTo(sum, within(1e-9 * (1 + sum)));
        }
    }

    private static double[] reference(double[] counts, double deviation) {
        int reach = (int) Math.ceil(3 * deviation);
        if (reach == 0) {
            return counts.clone();
        }
        double total = 0;
        for (int j = -reach; j <= reach; j++) {
            total += Math.exp(-0.5 * j * j / (deviation * deviation));
        }
        double[] smoothed = new double[counts.length];
        for (int d = 0; d < counts.length; d++) {
            for (int j = -reach; j <= reach; j++) {
                int at = Math.max(0, Math.min(counts.length - 1, d + j));
                smoothed[at] += counts[d] * Math.exp(-0.5 * j * j / (deviation * deviation)) / total;
            }
        }
        return smoothed;
    }
}
