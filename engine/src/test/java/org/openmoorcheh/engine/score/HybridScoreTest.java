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
}
