package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openmoorcheh.engine.score.Cosine;

/**
 * The estimator's bound against exact cosines over many random vectors. On isotropic (Gaussian)
 * data, where RaBitQ's theorem applies, an error beyond {@link Estimator#EPSILON} = 2 deviations of
 * the stated formula should occur for at most about 4.6% of pairs (a normal's two tails); the test
 * allows 5%, and 2.5% above the upper bound (what could cost recall). Randomised ({@code
 * -Dtests.seed}).
 */
class EstimatorTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String WHY = "seed " + SEED;

    @ParameterizedTest(name = "{0}-d, thresholds offset {1}")
    @CsvSource({"64, 0", "384, 0", "384, 0.3", "768, 0.3", "1000, 0"})
    void theBoundHoldsAtItsStatedConfidence(int dimension, double offset) {
        Random random = new Random(SEED ^ dimension);
        int words = BitCodes.words(dimension);
        float[] thresholds = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            thresholds[d] = (float) (offset * random.nextGaussian());
        }
        int items = 2_000;
        float[][] vectors = new float[items][];
        long[] codes = new long[items * words];
        float[] factors = new float[(items + CodeTable.BLOCK) * Estimator.FACTORS];
        for (int i = 0; i < items; i++) {
            vectors[i] = gaussian(random, dimension);
            BitCodes.encode(vectors[i], thresholds, codes, i * words);
            Estimator.factors(vectors[i], thresholds, factors, CodeTable.factorIndex(i), CodeTable.BLOCK);
        }
        Estimator.Query query = new Estimator.Query();
        long pairs = 0;
        long outside = 0;
        long above = 0;
        long outsideCoarse = 0;
        double absoluteError = 0;
        for (int q = 0; q < 50; q++) {
            float[] vector = gaussian(random, dimension);
            query.prepare(vector, thresholds, words);
            for (int i = 0; i < items; i++) {
                double exact = Cosine.similarity(vector, vectors[i]);
                int at = CodeTable.factorIndex(i);
                int codeDot = Estimator.codeDot(codes, i * words, 1, query.planes, 0, words, words);
                double estimate = estimate(query.fineBounds, factors, at, codeDot);
                double error = error(query.fineBounds, factors, at);
                pairs++;
                absoluteError += Math.abs(exact - estimate);
                outside += Math.abs(exact - estimate) > error ? 1 : 0;
                above += exact > estimate + error ? 1 : 0;
                int coarseDot = coarseDot(codes, i * words, query.coarse.planes, words);
                double coarse = estimate(query.coarseBounds, factors, at, coarseDot);
                double coarseError = error(query.coarseBounds, factors, at);
                outsideCoarse += Math.abs(exact - coarse) > coarseError ? 1 : 0;
            }
        }
        assertThat(outside / (double) pairs).as(WHY + ": share beyond the bound").isLessThan(0.05);
        assertThat(above / (double) pairs).as(WHY + ": share above the upper bound").isLessThan(0.025);
        assertThat(outsideCoarse / (double) pairs).as(WHY + ": share beyond the 2-bit bound").isLessThan(0.05);
        // And the bound is not vacuous: the estimate is informative (random pairs have cosines of
        // deviation 1/sqrt(D); the estimate's error is a fraction of that).
        assertThat(absoluteError / pairs).as(WHY).isLessThan(0.8 / Math.sqrt(dimension));
    }

    @Test
    void anItemAtTheThresholdsOrZeroIsEstimatedExactly() {
        int dimension = 96;
        Random random = new Random(SEED);
        float[] thresholds = gaussian(random, dimension);
        float[] factors = new float[CodeTable.BLOCK * Estimator.FACTORS];
        long[] codes = new long[2 * BitCodes.words(dimension)];
        Estimator.factors(thresholds.clone(), thresholds, factors, CodeTable.factorIndex(0), CodeTable.BLOCK);
        BitCodes.encode(thresholds.clone(), thresholds, codes, 0);
        Estimator.factors(new float[dimension], thresholds, factors, CodeTable.factorIndex(1), CodeTable.BLOCK);
        BitCodes.encode(new float[dimension], thresholds, codes, BitCodes.words(dimension));
        Estimator.Query query = new Estimator.Query();
        float[] vector = gaussian(random, dimension);
        query.prepare(vector, thresholds, BitCodes.words(dimension));
        int words = BitCodes.words(dimension);
        double estimate = estimate(query.fineBounds, factors, 0,
                Estimator.codeDot(codes, 0, 1, query.planes, 0, words, words));
        assertThat(estimate).isCloseTo(Cosine.similarity(vector, thresholds), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(error(query.fineBounds, factors, 0)).isZero();
        assertThat(estimate(query.fineBounds, factors, CodeTable.factorIndex(1),
                Estimator.codeDot(codes, words, 1, query.planes, 0, words, words))).isZero();
        assertThat(error(query.fineBounds, factors, CodeTable.factorIndex(1))).isZero();
    }

    @Test
    void codeDotIsTheSumOfTheQuantisedLevelsOfTheSetBits() {
        Random random = new Random(SEED);
        int dimension = 200;
        int words = BitCodes.words(dimension);
        float[] thresholds = new float[dimension];
        float[] vector = gaussian(random, dimension);
        float[] item = gaussian(random, dimension);
        long[] code = new long[words];
        BitCodes.encode(item, thresholds, code, 0);
        Estimator.Query query = new Estimator.Query();
        query.prepare(vector, thresholds, words);
        int expected = 0;
        for (int d = 0; d < dimension; d++) {
            if (item[d] > 0) {
                expected += (int) Math.round((vector[d] - query.fine.low) / query.fine.delta);
            }
        }
        assertThat(Estimator.codeDot(code, 0, 1, query.planes, 0, words, words)).isEqualTo(expected);
    }

    /** The estimated cosine, as the search computes it ({@link EstimateScan.Bounds}). */
    private static double estimate(EstimateScan.Bounds bounds, float[] factors, int at, int codeDot) {
        return bounds.estimate(factors, at, codeDot) * bounds.inverseNorm;
    }

    /** The half-width of the estimate's bound, as the search computes it. */
    private static double error(EstimateScan.Bounds bounds, float[] factors, int at) {
        return bounds.error(factors, at) * bounds.inverseNorm;
    }

    private static int coarseDot(long[] codes, int offset, long[] planes, int words) {
        int dot = 0;
        for (int w = 0; w < words; w++) {
            dot += Long.bitCount(codes[offset + w] & planes[w]) + 2 * Long.bitCount(codes[offset + w] & planes[words + w]);
        }
        return dot;
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }
}
