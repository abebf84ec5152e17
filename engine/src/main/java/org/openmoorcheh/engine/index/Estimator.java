package org.openmoorcheh.engine.index;

import java.util.Arrays;
import org.openmoorcheh.engine.score.Cosine;

/**
 * An estimate of the cosine between a query and a stored item from the item's 1-bit code and a few
 * per-item correction terms, with a bound on its error: the asymmetric estimator of RaBitQ (Gao and
 * Long, "RaBitQ: Quantizing High-Dimensional Vectors with a Theoretical Error Bound for Approximate
 * Nearest Neighbor Search", SIGMOD 2024), with the query quantised to 4 bits and held as bit planes,
 * as Lucene's BBQ does.
 *
 * <p><b>The estimate.</b> With {@code t} the namespace's thresholds (the codes' centre), an item
 * {@code o} has the residual {@code r = o - t}; its code {@code b} (bit {@code i} set when
 * {@code r[i] > 0}) stands for the unit vector {@code x = (2b - 1) / sqrt(D)}. Let
 * {@code a = <x, r/|r|>} (how well the code points along the residual; {@code a >= 1/sqrt(D)}). For
 * a query {@code q} with residual {@code p = q - t},
 * <pre>
 *   &lt;o, q&gt; = &lt;r, p&gt; + &lt;r, t&gt; + &lt;t, q&gt;,    &lt;r, p&gt; ~ |r| / a * &lt;x, p&gt;
 * </pre>
 * {@code <r, t>} is kept exact per item and {@code <t, q>} is computed once per query. {@code <x, p>}
 * is computed from the code and the query quantised to 4 bits: {@code p[i] ~ lo + delta * u[i]},
 * {@code u[i]} in 0..15, stored as 4 bit planes, so {@code sum b[i] u[i]} is four AND-popcounts per
 * code word ({@link #codeDot}).
 *
 * <p><b>The bound.</b> RaBitQ's Theorem 3.2: for a random orientation of the data, the error of
 * {@code <x, p^> / a} as an estimate of {@code <r^, p^>} (unit vectors) is at most
 * {@code eps * sqrt(1 - a^2) / (a * sqrt(D - 1))} with probability at least
 * {@code 1 - 2 exp(-c eps^2)}; the error is close to a centred normal of that deviation for
 * {@code eps = 1}. Rounding the query to 4 bits adds an error of deviation
 * {@code |r| / a * delta / sqrt(12)} (independent uniform rounding errors). So
 * <pre>
 *   |cos - estimate| &lt;= EPSILON * (|r| sqrt(1 - a^2) / (a sqrt(D - 1)) * |p| + |r| / a * delta / sqrt(12)) / (|o| |q|)
 * </pre>
 * with {@link #EPSILON} standard deviations. The codes here are not rotated (SCORING.md fixes one bit
 * per dimension against the namespace's thresholds), so on real embeddings the theorem's premise is
 * an approximation: {@code EstimatorTest} checks the bound on random vectors, where it holds, and
 * docs/BENCHMARKS.md gives its coverage on real embeddings.
 *
 * <p>Per item, {@link #FACTORS} floats are kept beside the code ({@link #factors}): {@code |r| / (a
 * sqrt(D) |o|)}, {@code <r, t> / |o|}, {@code 1 / |o|}, {@code |r| sqrt(1 - a^2) / (a sqrt(D - 1)
 * |o|)} and the code's popcount: 20 bytes.
 */
final class Estimator {

    /** Floats kept per item. */
    static final int FACTORS = 5;
    /** Query bits: 4, as RaBitQ and Lucene's BBQ use (the rounding's error is about a fifth of the code's). */
    static final int QUERY_BITS = 4;
    /**
     * Width of the bound in standard deviations of the estimate's error. On MiniLM sentences (47,944
     * x 384, 300 claims) the stated deviation is a little wide (1% and 99% quantiles of the error at
     * -1.97 and 1.96 deviations, where a normal has 2.33): 1.8% of pairs fall beyond 2 deviations and
     * 0.04% beyond 3. At 2, the bound missed 2 of the 3,000 true top-10 items and 29 of the 30,000
     * top-100 ones; at 1.5, 15 and 166; at 2.5, 0 and 2 for half again as many vectors read.
     */
    static final double EPSILON = 2.0;

    private static final int SCALE = 0;
    private static final int CENTRE = 1;
    private static final int INVERSE_NORM = 2;
    private static final int ERROR = 3;
    private static final int POPCOUNT = 4;

    private Estimator() {
    }

    /**
     * Writes the correction terms of {@code vector} (whose code under {@code thresholds} the caller
     * stores) into {@code into}: term {@code f} at {@code offset + f * stride} (a stride of
     * {@link CodeTable#BLOCK} in the table, {@link CodeTable#factorIndex}). An item equal to the
     * thresholds, or a zero vector, gets terms that make its estimate exact.
     */
    static void factors(float[] vector, float[] thresholds, float[] into, int offset, int stride) {
        int dimension = vector.length;
        double residualSquares = 0;
        double signedSum = 0;
        double residualDotCentre = 0;
        int popcount = 0;
        for (int i = 0; i < dimension; i++) {
            // The same comparison as BitCodes.encode: the bit is set exactly when vector > threshold.
            double residual = (double) vector[i] - thresholds[i];
            boolean set = thresholds[i] - vector[i] < 0;
            residualSquares += residual * residual;
            signedSum += set ? residual : -residual;
            residualDotCentre += residual * thresholds[i];
            popcount += set ? 1 : 0;
        }
        double norm = Cosine.norm(vector);
        double residualNorm = Math.sqrt(residualSquares);
        for (int f = 0; f < FACTORS; f++) {
            into[offset + f * stride] = 0f;
        }
        into[offset + POPCOUNT * stride] = popcount;
        if (norm == 0) {
            return;
        }
        into[offset + INVERSE_NORM * stride] = (float) (1 / norm);
        into[offset + CENTRE * stride] = (float) (residualDotCentre / norm);
        if (residualNorm == 0 || signedSum <= 0) {
            return;
        }
        double sqrtD = Math.sqrt(dimension);
        double a = signedSum / (sqrtD * residualNorm);
        into[offset + SCALE * stride] = (float) (residualNorm / (a * sqrtD * norm));
        into[offset + ERROR * stride] = (float) (residualNorm * Math.sqrt(Math.max(0, 1 - a * a))
                / (a * Math.sqrt(Math.max(1, dimension - 1)) * norm));
    }

    /**
     * {@code sum_i b[i] u[i]} of a code against the query's bit planes: {@code planes[j * words + w]}
     * holds bit {@code j} of the quantised query for the 64 dimensions of word {@code w}. The code's
     * word {@code w} is {@code codes[offset + w * stride]} (a stride of {@link CodeTable#BLOCK} in the
     * table's heads).
     */
    static int codeDot(long[] codes, int offset, int stride, long[] planes, int planeOffset, int words, int count) {
        int p0 = 0;
        int p1 = 0;
        int p2 = 0;
        int p3 = 0;
        for (int w = 0; w < count; w++) {
            long code = codes[offset + w * stride];
            int at = planeOffset + w;
            p0 += Long.bitCount(code & planes[at]);
            p1 += Long.bitCount(code & planes[at + words]);
            p2 += Long.bitCount(code & planes[at + 2 * words]);
            p3 += Long.bitCount(code & planes[at + 3 * words]);
        }
        return p0 + 2 * p1 + 4 * p2 + 8 * p3;
    }

    /**
     * One query's side of the estimate: its residual quantised to 4 and to 2 bits, as bit planes, and
     * the terms shared by every item. The 2-bit planes give a first, wider bound for half the
     * popcounts ({@link EstimateScan}); the 4-bit ones the bound that orders rescoring. Reused from
     * query to query ({@link SearchScratch}); {@link #prepare} fills it.
     */
    static final class Query {

        /** The 4-bit quantisation: {@link #QUERY_BITS} planes. */
        final Quantised fine = new Quantised(QUERY_BITS);
        /** The 2-bit quantisation, for the first bound. */
        final Quantised coarse = new Quantised(2);
        /** The bounds of both, as the estimate pass computes them. */
        final EstimateScan.Bounds fineBounds = new EstimateScan.Bounds();
        final EstimateScan.Bounds coarseBounds = new EstimateScan.Bounds();
        long[] planes = new long[0];
        double centreDot;
        double norm;
        /** {@code EPSILON * |p|}: the code's part of the bound, per unit of an item's error factor. */
        double errorOfCode;

        /** Quantises {@code query} against {@code thresholds}; the codes have {@code words} words. */
        void prepare(float[] query, float[] thresholds, int words) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double squares = 0;
            double centre = 0;
            for (int i = 0; i < query.length; i++) {
                double residual = (double) query[i] - thresholds[i];
                min = Math.min(min, residual);
                max = Math.max(max, residual);
                squares += residual * residual;
                centre += (double) thresholds[i] * query[i];
            }
            fine.quantise(query, thresholds, words, min, max);
            coarse.quantise(query, thresholds, words, min, max);
            planes = fine.planes;
            centreDot = centre;
            norm = Cosine.norm(query);
            errorOfCode = EPSILON * Math.sqrt(squares);
            fineBounds.set(this, fine);
            coarseBounds.set(this, coarse);
        }
    }

    /** The query's residual rounded to {@code bits} bits per dimension, as bit planes. */
    static final class Quantised {

        final int bits;
        long[] planes = new long[0];
        double low;
        double delta;
        /** {@code sum_i p'[i]}: subtracted from twice the set bits' sum. */
        double planeSum;
        /** {@code EPSILON * sqrt(D) * delta / sqrt(12)}: the rounding's part of the bound, per unit of scale. */
        double errorOfRounding;

        Quantised(int bits) {
            this.bits = bits;
        }

        void quantise(float[] query, float[] thresholds, int words, double min, double max) {
            if (planes.length != bits * words) {
                planes = new long[bits * words];
            } else {
                Arrays.fill(planes, 0);
            }
            int dimension = query.length;
            low = min;
            delta = max > min ? (max - min) / ((1 << bits) - 1) : 0;
            long levels = 0;
            for (int i = 0; i < dimension; i++) {
                int level = delta == 0 ? 0 : (int) Math.round(((double) query[i] - thresholds[i] - low) / delta);
                levels += level;
                for (int j = 0; j < bits; j++) {
                    planes[j * words + (i >>> 6)] |= (long) ((level >>> j) & 1) << (i & 63);
                }
            }
            planeSum = dimension * low + delta * levels;
            errorOfRounding = EPSILON * Math.sqrt(dimension) * delta / Math.sqrt(12);
        }

    }
}
