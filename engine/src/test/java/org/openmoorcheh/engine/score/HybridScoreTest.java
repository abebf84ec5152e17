package org.openmoorcheh.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridScoreTest {

    @Test
    void staysBetweenTheDenseScoreAndOneAndGrowsWithBothParts() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            double relevance = random.nextDouble();
            double lexical = random.nextDouble();
            double fused = HybridScore.fuse(relevance, lexical);
            assertThat(fused).isBetween(relevance, 1.0);
            double more = Math.min(1, lexical + random.nextDouble() * 0.1);
            assertThat(HybridScore.fuse(relevance, more)).isGreaterThanOrEqualTo(fused);
            double higher = Math.min(1, relevance + random.nextDouble() * 0.1);
            assertThat(HybridScore.fuse(higher, lexical)).isGreaterThanOrEqualTo(fused);
        }
        assertThat(HybridScore.fuse(0.3, 0)).isEqualTo(0.3);
        assertThat(HybridScore.fuse(1, 1)).isEqualTo(1.0);
        assertThat(HybridScore.fuse(0, 1)).isEqualTo(HybridScore.WEIGHT);
    }

    @Test
    void theLexicalShareIsAFractionOfTheCeiling() {
        assertThat(HybridScore.lexical(2, 8)).isEqualTo(0.25);
        assertThat(HybridScore.lexical(9, 8)).isEqualTo(1.0);
        assertThat(HybridScore.lexical(3, 0)).isZero();
        assertThat(HybridScore.lexical(0, 5)).isZero();
    }

    @Test
    void noCosineUnderTheFloorFusesToTheScoreItProtectsAndTheFloorIsTight() {
        Random random = new Random(12);
        int floors = 0;
        for (int i = 0; i < 20_000; i++) {
            double score = random.nextDouble();
            double share = random.nextInt(4) == 0 ? 0 : random.nextDouble();
            double floor = HybridScore.cosineFloor(score, share);
            if (floor == Double.NEGATIVE_INFINITY) {
                // Any cosine may reach it: even a dense score of zero with the highest share.
                assertThat(HybridScore.fuse(0, share)).isGreaterThanOrEqualTo(score - 1e-6);
                continue;
            }
            floors++;
            assertThat(floor).isBetween(0.0, 1.0);
            double below = floor - random.nextDouble() * (floor + 1);
            double lexical = share * random.nextDouble();
            assertThat(HybridScore.fuse(RelevanceScale.score(below), lexical)).isLessThan(score);
            assertThat(HybridScore.fuse(RelevanceScale.score(floor), share)).isLessThan(score);
            // Tight: a little above the floor, the highest share reaches the score.
            double above = Math.min(1, floor + 1e-6);
            assertThat(HybridScore.fuse(RelevanceScale.score(above), share)).isGreaterThanOrEqualTo(score - 1e-6);
        }
        assertThat(floors).isGreaterThan(10_000);
        assertThat(HybridScore.cosineFloor(HybridScore.WEIGHT, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HybridScore.cosineFloor(0.5, 0)).isCloseTo(cosineScoring(0.5), org.assertj.core.data.Offset.offset(1e-6));
    }

    private static double cosineScoring(double score) {
        double low = 0;
        double high = 1;
        for (int i = 0; i < 100; i++) {
            double middle = (low + high) / 2;
            if (RelevanceScale.score(middle) < score) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
