package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Codes and Hamming distances against a bit-by-bit reference on random vectors of every length. */
class BitCodesTest {

    private final Random random = new Random();

    @RepeatedTest(100)
    void encodingAndDistanceMatchABitByBitReference() {
        long seed = random.nextLong();
        Random r = new Random(seed);
        int dimension = 1 + r.nextInt(800);
        float[] thresholds = new float[dimension];
        float[] a = new float[dimension];
        float[] b = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            thresholds[d] = (float) r.nextGaussian() * 0.1f;
            a[d] = (float) r.nextGaussian();
            b[d] = r.nextInt(10) == 0 ? thresholds[d] : (float) r.nextGaussian(); // values on the threshold too
        }
        int words = BitCodes.words(dimension);
        assertThat(words).isEqualTo((dimension + 63) / 64);
        long[] codes = new long[1 + 2 * words];
        BitCodes.encode(a, thresholds, codes, 1);
        BitCodes.encode(b, thresholds, codes, 1 + words);
        int expected = 0;
        for (int d = 0; d < dimension; d++) {
            boolean bitA = (codes[1 + d / 64] >>> (d % 64) & 1) == 1;
            boolean bitB = (codes[1 + words + d / 64] >>> (d % 64) & 1) == 1;
            // A bit is set exactly when the value is above its threshold.
            assertThat(bitA).as("seed %d dim %d", seed, d).isEqualTo(a[d] > thresholds[d]);
            assertThat(bitB).as("seed %d dim %d", seed, d).isEqualTo(b[d] > thresholds[d]);
            expected += bitA != bitB ? 1 : 0;
        }
        assertThat(BitCodes.distance(codes, 1, codes, 1 + words, words)).as("seed %d", seed).isEqualTo(expected);
        assertThat(BitCodes.distance(codes, 1, codes, 1, words)).isZero();
        // Bits past the dimension stay clear, so they never add distance.
        if (dimension % 64 != 0) {
            assertThat(codes[words] >>> (dimension % 64)).isZero();
        }
    }

    @Test
    void refusesThresholdsOfAnotherLength() {
        assertThatThrownBy(() -> BitCodes.encode(new float[3], new float[4], new long[1], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
