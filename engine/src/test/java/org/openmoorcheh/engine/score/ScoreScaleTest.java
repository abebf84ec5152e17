package org.openmoorcheh.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreScaleTest {

    @Test
    void scoreIsZeroForUnrelatedAndOneForIdentical() {
        assertThat(RelevanceScale.score(1.0)).isEqualTo(1.0);
        assertThat(RelevanceScale.score(0.0)).isZero();
        assertThat(RelevanceScale.score(-0.7)).isZero();
        assertThat(RelevanceScale.score(1.0000001)).isEqualTo(1.0);
    }

    @Test
    void scoreMatchesTheFormulaAndIsMonotone() {
        // rho 0.5: phi = 1/3, p = 2/3, H2(2/3) = 0.9183
        assertThat(RelevanceScale.score(0.5)).isCloseTo(1 - 0.918296, within(1e-6));
        double previous = 0;
        for (int i = 1; i <= 1000; i++) {
            double score = RelevanceScale.score(i / 1000.0);
            assertThat(score).isGreaterThanOrEqualTo(previous).isBetween(0.0, 1.0);
            previous = score;
        }
    }

    @Test
    void roundingKeepsSixDecimals() {
        assertThat(RelevanceScale.rounded(0.12345678)).isEqualTo(0.123457);
        assertThat(RelevanceScale.rounded(1.0)).isEqualTo(1.0);
    }

    @Test
    void cosineOfAVectorWithItselfIsOneAndOfOrthogonalOnesZero() {
        assertThat(Cosine.similarity(new float[] {3, 4}, new float[] {3, 4})).isCloseTo(1.0, within(1e-12));
        assertThat(Cosine.similarity(new float[] {1, 0}, new float[] {0, 5})).isZero();
        assertThat(Cosine.similarity(new float[] {0, 0}, new float[] {1, 1})).isZero();
    }
}
