package org.openmoorcheh.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Kernels} with the Vector API (Java 21+, {@code --add-modules jdk.incubator.vector}):
 * chosen by {@link KernelsChoice} and loaded by name, so the Java 17 classes never refer to it.
 * Bit-identical to {@link ScalarKernels}: the same float products, widened to double in the same
 * eight lanes, added in the same order; the same double operations for the bounds; integer counts
 * for the codes. Each vector lane is one of the eight codes of a block ({@code CodeTable}'s layout).
 *
 * <p>Every vector operation must be compiled into instructions, which needs the JIT to inline the
 * whole loop: a loop with too many of them ran partly in plain Java on Java 25 (allocating megabytes
 * a query), so the first pass is split into two small loops. The benches' bytes allocated per query
 * show it.
 */
public final class PanamaKernels implements Kernels {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    /** The eight sums of {@link Kernels#dot}, one lane each. */
    private static final VectorSpecies<Double> DOUBLES_512 = DoubleVector.SPECIES_512;
    /** Eight codes' same word: one 512-bit vector, where each lane is a code of the block. */
    private static final VectorSpecies<Long> CODES = LongVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;

    public PanamaKernels() {
        // Without 512-bit vectors the code kernels (eight 64-bit lanes) would be split or run in plain
        // Java, slower than ScalarKernels: AVX-512 CPUs only, as measured (BENCHMARKS, issue 27).
        if (LongVector.SPECIES_PREFERRED.vectorBitSize() < 512) {
            throw new UnsupportedOperationException("no 512-bit vectors on this CPU");
        }
    }

    @Override
    public int hammingWithin4(long[] heads, int fromBlock, int toBlock, long[] query, int bound, int[] positions,
                              int[] distances) {
        LongVector q0 = LongVector.broadcast(CODES, query[0]);
        LongVector q1 = LongVector.broadcast(CODES, query[1]);
        LongVector q2 = LongVector.broadcast(CODES, query[2]);
        LongVector q3 = LongVector.broadcast(CODES, query[3]);
        LongVector limit = LongVector.broadcast(CODES, bound);
        IntVector lanes = IntVector.zero(INTS).addIndex(1);
        int found = 0;
        for (int b = fromBlock, position = 0; b < toBlock; b++, position += BLOCK) {
            int o = b * 32;
            LongVector d = count(heads, o, q0, VectorOperators.XOR)
                    .add(count(heads, o + 8, q1, VectorOperators.XOR))
                    .add(count(heads, o + 16, q2, VectorOperators.XOR))
                    .add(count(heads, o + 24, q3, VectorOperators.XOR));
            // The codes within the bound, packed to the front of eight lanes, stored for every block
            // (the entries past them are overwritten by the next block's). About one block in six
            // has one at 100,000 codes, at random: a branch around the stores mispredicted on those
            // and cost more than the stores (scan 90 and 63 us against 112 on Java 25); taking the
            // lanes out one by one cost 10-15 ns each.
            VectorMask<Integer> kept = d.compare(VectorOperators.LE, limit).cast(INTS);
            ((IntVector) d.convertShape(VectorOperators.L2I, INTS, 0)).compress(kept).intoArray(distances, found);
            lanes.add(position).compress(kept).intoArray(positions, found);
            found += kept.trueCount();
        }
        return found;
    }

    @Override
    public int hammingHistogram4(long[] heads, int fromBlock, int toBlock, int blockStride, long[] query,
                                 boolean[] allowed, int n, int[] histogram) {
        LongVector q0 = LongVector.broadcast(CODES, query[0]);
        LongVector q1 = LongVector.broadcast(CODES, query[1]);
        LongVector q2 = LongVector.broadcast(CODES, query[2]);
        LongVector q3 = LongVector.broadcast(CODES, query[3]);
        int added = 0;
        for (int b = fromBlock; b < toBlock; b += blockStride) {
            int o = b * 32;
            LongVector d = count(heads, o, q0, VectorOperators.XOR)
                    .add(count(heads, o + 8, q1, VectorOperators.XOR))
                    .add(count(heads, o + 16, q2, VectorOperators.XOR))
                    .add(count(heads, o + 24, q3, VectorOperators.XOR));
            int first = b * BLOCK;
            int lanes = Math.min(BLOCK, n - first);
            for (int j = 0; j < lanes; j++) {
                if (allowed[first + j]) {
                    histogram[(int) d.lane(j)]++;
                    added++;
                }
            }
        }
        return added;
    }

    @Override
    public int coarseCandidates6(long[] heads, float[] factors, boolean[] allowed, int from, int to, long[] planes,
                                 double[] t, float floor, int[] positions, float[] uppers) {
        int fullEnd = from + ((to - from) & -BLOCK);
        // Two loops, each small enough for the JIT to compile every vector operation into
        // instructions (one loop doing both ran partly in plain Java, allocating, on Java 25): the
        // dots first, into positions (each block's are read before any position of it is written),
        // then the bounds.
        coarseDots6(heads, from / BLOCK, fullEnd / BLOCK, planes, positions);
        int found = bounds(factors, allowed, from, fullEnd, t, floor, positions, uppers);
        if (fullEnd < to) {
            // The last, partial block: its slots past the range may lie past the allowed flags.
            found = ScalarKernels.coarseCandidates6(heads, factors, allowed, fullEnd, to, planes, t, floor, positions,
                    uppers, found, fullEnd - from);
        }
        return found;
    }

    /** The coarse dots of the codes of blocks {@code [fromBlock, toBlock)} into {@code into}. */
    private static void coarseDots6(long[] heads, int fromBlock, int toBlock, long[] planes, int[] into) {
        LongVector a0 = LongVector.broadcast(CODES, planes[0]);
        LongVector a1 = LongVector.broadcast(CODES, planes[1]);
        LongVector a2 = LongVector.broadcast(CODES, planes[2]);
        LongVector a3 = LongVector.broadcast(CODES, planes[3]);
        LongVector a4 = LongVector.broadcast(CODES, planes[4]);
        LongVector a5 = LongVector.broadcast(CODES, planes[5]);
        LongVector b0 = LongVector.broadcast(CODES, planes[6]);
        LongVector b1 = LongVector.broadcast(CODES, planes[7]);
        LongVector b2 = LongVector.broadcast(CODES, planes[8]);
        LongVector b3 = LongVector.broadcast(CODES, planes[9]);
        LongVector b4 = LongVector.broadcast(CODES, planes[10]);
        LongVector b5 = LongVector.broadcast(CODES, planes[11]);
        for (int b = fromBlock, at = 0; b < toBlock; b++, at += BLOCK) {
            int o = b * 48;
            LongVector c0 = LongVector.fromArray(CODES, heads, o);
            LongVector c1 = LongVector.fromArray(CODES, heads, o + 8);
            LongVector c2 = LongVector.fromArray(CODES, heads, o + 16);
            LongVector c3 = LongVector.fromArray(CODES, heads, o + 24);
            LongVector c4 = LongVector.fromArray(CODES, heads, o + 32);
            LongVector c5 = LongVector.fromArray(CODES, heads, o + 40);
            LongVector low = and(c0, a0).add(and(c1, a1)).add(and(c2, a2)).add(and(c3, a3)).add(and(c4, a4))
                    .add(and(c5, a5));
            LongVector high = and(c0, b0).add(and(c1, b1)).add(and(c2, b2)).add(and(c3, b3)).add(and(c4, b4))
                    .add(and(c5, b5));
            ((IntVector) low.add(high.lanewise(VectorOperators.LSHL, 1)).convertShape(VectorOperators.L2I, INTS, 0))
                    .intoArray(into, at);
        }
    }

    /**
     * The bounds of the slots {@code [from, to)} (whole blocks) from their dots in {@code positions};
     * the allowed ones reaching the floor go back into {@code positions} and {@code uppers}.
     */
    private static int bounds(float[] factors, boolean[] allowed, int from, int to, double[] t, float floor,
                              int[] positions, float[] uppers) {
        int found = 0;
        for (int slot = from, at = 0; slot < to; slot += BLOCK, at += BLOCK) {
            VectorMask<Float> allowedHere = VectorMask.fromArray(FLOATS, allowed, slot);
            if (!allowedHere.anyTrue()) {
                continue;
            }
            DoubleVector d = (DoubleVector) IntVector.fromArray(INTS, positions, at)
                    .convertShape(VectorOperators.I2D, DOUBLES_512, 0);
            int f = (slot >>> 3) * 40;
            DoubleVector s = factor(factors, f);
            // The same double operations in the same order as ScalarKernels (no fused multiply-add).
            DoubleVector estimate = s.mul(factor(factors, f + 32).mul(t[0]).add(d.mul(t[1])).sub(t[2]))
                    .add(factor(factors, f + 8)).add(factor(factors, f + 16).mul(t[3]));
            DoubleVector error = factor(factors, f + 24).mul(t[4]).add(s.mul(t[5]));
            FloatVector u = (FloatVector) estimate.add(error).mul(t[6]).convertShape(VectorOperators.D2F, FLOATS, 0);
            long kept = u.compare(VectorOperators.LT, floor).not().and(allowedHere).toLong();
            while (kept != 0) {
                int lane = Long.numberOfTrailingZeros(kept);
                positions[found] = at + lane;
                uppers[found++] = u.lane(lane);
                kept &= kept - 1;
            }
        }
        return found;
    }

    private static DoubleVector factor(float[] factors, int offset) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, factors, offset).convertShape(VectorOperators.F2D,
                DOUBLES_512, 0);
    }

    private static LongVector count(long[] heads, int offset, LongVector query, VectorOperators.Binary op) {
        return LongVector.fromArray(CODES, heads, offset).lanewise(op, query).lanewise(VectorOperators.BIT_COUNT);
    }

    private static LongVector and(LongVector code, LongVector plane) {
        return code.and(plane).lanewise(VectorOperators.BIT_COUNT);
    }

    @Override
    public double dot(float[] a, float[] b, int length) {
        DoubleVector sums = DoubleVector.zero(DOUBLES_512);
        int i = 0;
        for (int end = FLOATS.loopBound(length); i < end; i += 8) {
            FloatVector products = FloatVector.fromArray(FLOATS, a, i).mul(FloatVector.fromArray(FLOATS, b, i));
            sums = sums.add((DoubleVector) products.convertShape(VectorOperators.F2D, DOUBLES_512, 0));
        }
        return ScalarKernels.finishDot(a, b, i, length, sums.lane(0), sums.lane(1), sums.lane(2), sums.lane(3),
                sums.lane(4), sums.lane(5), sums.lane(6), sums.lane(7));
    }

    @Override
    public String description() {
        return "Vector API, " + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit";
    }
}
