package org.openmoorcheh.engine.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernels of this process against the scalar reference, bit for bit, and the reference against
 * its contract written out longhand. Runs on Java 17 (the scalar kernels against themselves and the
 * contract) and, in the build's vector-api profile, on Java 21+ with the Vector API, where
 * {@code moorcheh.expect.kernels} makes it fail if those were not the ones chosen.
 */
class KernelsTest {

    private final Random random = new Random(27);

    @Test
    void theKernelsExpectedAreTheOnesChosen() throws ReflectiveOperationException {
        String expected = System.getProperty("moorcheh.expect.kernels");
        if (expected == null) {
            return;
        }
        // The Vector API kernels take eight codes a lane group: a CPU without 512-bit vectors (AVX2 only)
        // gets the scalar ones, by design.
        if (expected.equals("Vector") && preferredVectorBits() < 512) {
            expected = "scalar";
        }
        assertThat(Kernels.get().description()).startsWith(expected);
    }

    /** The Vector API's preferred vector size on this CPU (the module is in the boot layer here). */
    private static int preferredVectorBits() throws ReflectiveOperationException {
        Object species = Class.forName("jdk.incubator.vector.LongVector").getField("SPECIES_PREFERRED").get(null);
        return (int) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize").invoke(species);
    }

    @Test
    void dotIsBitIdenticalToTheScalarReferenceAtEveryLength() {
        Kernels chosen = Kernels.get();
        ScalarKernels scalar = new ScalarKernels();
        for (int round = 0; round < 2_000; round++) {
            int length = round < 64 ? round : random.nextInt(1_100);
            float[] a = randomVector(length);
            float[] b = randomVector(length);
            double expected = scalar.dot(a, b, length);
            assertThat(chosen.dot(a, b, length)).as("length %d", length).isEqualTo(expected);
            assertThat(Double.doubleToRawLongBits(chosen.dot(a, b, length))).isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void theScalarReferenceFollowsItsContract() {
        for (int round = 0; round < 500; round++) {
            int length = random.nextInt(300);
            float[] a = randomVector(length);
            float[] b = randomVector(length);
            double[] sums = new double[8];
            for (int i = 0; i < length; i++) {
                sums[i % 8] += a[i] * b[i];
            }
            double contract = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
            assertThat(new ScalarKernels().dot(a, b, length)).isEqualTo(contract);
        }
    }

    @Test
    void onlyTheFirstLengthElementsCount() {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        float[] b = {1, 1, 1, 1, 1, 1, 1, 1, 1, 100};
        assertThat(Kernels.get().dot(a, b, 9)).isEqualTo(45.0);
        assertThat(Kernels.get().dot(a, b, 0)).isEqualTo(0.0);
    }

    @Test
    void theCodesWithinTheBoundAreThoseABruteForceFindsInOrder() {
        for (int round = 0; round < 300; round++) {
            int blocks = 1 + random.nextInt(80);
            long[][] codes = randomCodes(blocks * Kernels.BLOCK, 4);
            long[] heads = blockLayout(codes, 4);
            long[] query = codes[random.nextInt(codes.length)].clone();
            query[random.nextInt(4)] = random.nextLong();
            int bound = random.nextInt(4) == 0 ? 256 : random.nextInt(140);
            int from = random.nextInt(blocks);
            int to = from + random.nextInt(blocks - from + 1);
            int room = (to - from) * Kernels.BLOCK;
            int[] positions = new int[room + 1];
            int[] distances = new int[room + 1];
            int found = Kernels.get().hammingWithin4(heads, from, to, query, bound, positions, distances);
            int expected = 0;
            for (int code = from * Kernels.BLOCK; code < to * Kernels.BLOCK; code++) {
                int distance = 0;
                for (int w = 0; w < 4; w++) {
                    distance += Long.bitCount(codes[code][w] ^ query[w]);
                }
                if (distance <= bound) {
                    assertThat(positions[expected]).as("round %d, %d-th found", round, expected)
                            .isEqualTo(code - from * Kernels.BLOCK);
                    assertThat(distances[expected++]).isEqualTo(distance);
                }
            }
            assertThat(found).isEqualTo(expected);
        }
    }

    @Test
    void theSampleHistogramCountsTheAllowedCodesOfEveryStrideThBlockBelowTheCount() {
        for (int round = 0; round < 300; round++) {
            int blocks = 1 + random.nextInt(80);
            int slots = blocks * Kernels.BLOCK;
            long[][] codes = randomCodes(slots, 4);
            long[] heads = blockLayout(codes, 4);
            long[] query = codes[random.nextInt(slots)].clone();
            query[random.nextInt(4)] = random.nextLong();
            boolean[] allowed = new boolean[slots];
            double allowedShare = random.nextInt(3) == 0 ? 0.3 : 1;
            for (int slot = 0; slot < slots; slot++) {
                allowed[slot] = random.nextDouble() < allowedShare;
            }
            // A count ending inside the last block, as a table's usually does.
            int n = slots - random.nextInt(Kernels.BLOCK);
            int from = random.nextInt(blocks);
            int to = from + random.nextInt(blocks - from + 1);
            int stride = 1 + random.nextInt(20);
            int[] histogram = new int[257];
            histogram[3] = 5;
            int added = Kernels.get().hammingHistogram4(heads, from, to, stride, query, allowed, n, histogram);
            int[] expected = new int[257];
            expected[3] = 5;
            int expectedAdded = 0;
            for (int block = from; block < to; block += stride) {
                for (int code = block * Kernels.BLOCK; code < (block + 1) * Kernels.BLOCK && code < n; code++) {
                    if (allowed[code]) {
                        int distance = 0;
                        for (int w = 0; w < 4; w++) {
                            distance += Long.bitCount(codes[code][w] ^ query[w]);
                        }
                        expected[distance]++;
                        expectedAdded++;
                    }
                }
            }
            assertThat(histogram).as("round %d", round).isEqualTo(expected);
            assertThat(added).isEqualTo(expectedAdded);
        }
    }

    @Test
    void theCoarseCandidatesAreThoseTheContractWrittenOutLonghandKeeps() {
        for (int round = 0; round < 300; round++) {
            int blocks = 1 + random.nextInt(80);
            int slots = blocks * Kernels.BLOCK;
            long[][] codes = randomCodes(slots, 6);
            long[] heads = blockLayout(codes, 6);
            float[][] terms = new float[slots][5];
            float[] factors = new float[slots * 5];
            boolean[] allowed = new boolean[slots];
            double allowedShare = random.nextInt(3) == 0 ? 0.05 : random.nextInt(2) == 0 ? 0.7 : 1;
            for (int slot = 0; slot < slots; slot++) {
                for (int f = 0; f < 5; f++) {
                    terms[slot][f] = f == 4 ? random.nextInt(385) : (float) random.nextGaussian();
                    factors[(slot / 8 * 5 + f) * 8 + slot % 8] = terms[slot][f];
                }
                allowed[slot] = random.nextDouble() < allowedShare;
            }
            long[] planes = new long[12];
            for (int w = 0; w < planes.length; w++) {
                planes[w] = random.nextLong();
            }
            double[] t = new double[7];
            for (int i = 0; i < t.length; i++) {
                t[i] = random.nextGaussian() * (i == 1 ? 0.01 : 1);
            }
            float floor = (float) (random.nextGaussian() * 3);
            int from = random.nextInt(blocks) * Kernels.BLOCK;
            // Ranges ending inside a block too, as a split pass's last one does.
            int to = from + random.nextInt(slots - from + 1);
            int[] positions = new int[slots];
            float[] uppers = new float[slots];
            int found = Kernels.get().coarseCandidates6(heads, factors, allowed, from, to, planes, t, floor, positions,
                    uppers);
            int expected = 0;
            for (int slot = from; slot < to; slot++) {
                if (!allowed[slot]) {
                    continue;
                }
                int d = 0;
                for (int w = 0; w < 6; w++) {
                    d += Long.bitCount(codes[slot][w] & planes[w]) + 2 * Long.bitCount(codes[slot][w] & planes[6 + w]);
                }
                double s = terms[slot][0];
                double c = terms[slot][1];
                double n = terms[slot][2];
                double e = terms[slot][3];
                double p = terms[slot][4];
                float u = (float) (((s * (t[0] * p + t[1] * d - t[2]) + c + n * t[3]) + (e * t[4] + s * t[5])) * t[6]);
                if (!(u < floor)) {
                    assertThat(positions[expected]).as("round %d, %d-th found", round, expected).isEqualTo(slot - from);
                    assertThat(Float.floatToRawIntBits(uppers[expected++])).as("slot %d", slot)
                            .isEqualTo(Float.floatToRawIntBits(u));
                }
            }
            assertThat(found).as("round %d", round).isEqualTo(expected);
        }
    }

    private long[][] randomCodes(int count, int words) {
        long[][] codes = new long[count][words];
        for (long[] code : codes) {
            for (int w = 0; w < words; w++) {
                // Sparse and dense words too, so that counts near 0 and 64 are met.
                long bits = random.nextLong();
                code[w] = random.nextInt(4) == 0 ? bits & random.nextLong() & random.nextLong()
                        : random.nextInt(3) == 0 ? bits | random.nextLong() | random.nextLong() : bits;
            }
        }
        return codes;
    }

    /** The layout of the kernels' contract, written out longhand. */
    private static long[] blockLayout(long[][] codes, int words) {
        long[] heads = new long[codes.length * words];
        for (int code = 0; code < codes.length; code++) {
            for (int w = 0; w < words; w++) {
                heads[(code / 8 * words + w) * 8 + code % 8] = codes[code][w];
            }
        }
        return heads;
    }

    private float[] randomVector(int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            // Mixed magnitudes so that the order of the additions shows in the last bits.
            vector[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return vector;
    }
}
