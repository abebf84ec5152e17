package org.openmoorcheh.engine.index;

/**
 * When to stop rescoring candidates taken in Hamming order: once the best cosine still to come is
 * predicted to fall below the k-th best exact cosine found.
 *
 * <p>The prediction is the query's own: a least-squares line through the (Hamming distance, exact
 * cosine) points rescored so far, with Gaussian scatter of the points' standard deviation around
 * it. From the count of candidates left at each distance it gives the expected number of them that
 * would beat the k-th best; rescoring stops when that is below {@link #MISS_RATE} times k. A code that
 * ranks well (long codes, clustered data) gives a steep line with little scatter, and rescoring
 * stops after about a hundred candidates; a coarse one (short codes, text embeddings, data without
 * structure) gives scatter and a flat line, and rescoring goes on, up to every candidate. So the
 * work adapts to the code length, the model, the namespace size and the query, where a fixed
 * candidate count was right for one of them (SCORING.md, step 3).
 *
 * <p>Sums are accumulated in the order points arrive, so the decision is a function of the data
 * and the query alone. Not thread-safe: one per search ({@link SearchScratch}).
 */
final class StoppingRule {

    /**
     * Expected share of the k best still among the candidates left when rescoring stops. On SciFact
     * sentences (RealSearchBench) 0.005 gave recall 0.998 at top_k 10 and 100 with both local
     * models; 0.02 gave 0.989-0.992 for a third less work (docs/BENCHMARKS.md).
     */
    static final double MISS_RATE = 0.005;

    private double expectedMisses;

    private int minimum;
    private int points;
    private double sumD;
    private double sumC;
    private double sumDD;
    private double sumDC;
    private double sumCC;

    /** Starts a search for the best {@code k} that rescores at least {@code minimum} candidates. */
    void reset(int k, int minimum) {
        this.minimum = minimum;
        this.expectedMisses = MISS_RATE * k;
        points = 0;
        sumD = 0;
        sumC = 0;
        sumDD = 0;
        sumDC = 0;
        sumCC = 0;
    }

    /** Records a rescored candidate. */
    void add(int distance, double cosine) {
        points++;
        sumD += distance;
        sumC += cosine;
        sumDD += (double) distance * distance;
        sumDC += distance * cosine;
        sumCC += cosine * cosine;
    }

    /**
     * True when the candidates not yet rescored are expected to hold fewer than
     * {@code MISS_RATE x k} better than {@code kthBest}. Never true before the minimum is rescored.
     *
     * @param ends end offset of each distance's run in the ordered list ({@link SmallestK#order})
     * @param from the first distance not yet rescored; runs from it on are left
     * @param beyond estimated count of candidates outside the list at each distance, or null
     */
    boolean stop(double kthBest, int[] ends, int from, double[] beyond) {
        if (points < minimum) {
            return false;
        }
        double meanD = sumD / points;
        double meanC = sumC / points;
        double varianceD = sumDD / points - meanD * meanD;
        double covariance = sumDC / points - meanD * meanC;
        double slope = varianceD > 0 ? covariance / varianceD : 0;
        double deviation = Math.sqrt(Math.max(0, sumCC / points - meanC * meanC - slope * covariance));
        if (deviation == 0) {
            deviation = 1e-9;
        }
        int last = ends.length - 1;
        int previousEnd = from == 0 ? 0 : ends[Math.min(from, ends.length) - 1];
        double left = ends[last] - previousEnd;
        double expected = 0;
        if (beyond != null) {
            // Candidates outside the list that may lie closer than the current distance count at
            // their own distance: they are the likeliest to beat the k-th best.
            for (int d = 0; d < beyond.length; d++) {
                if (d >= from) {
                    left += beyond[d];
                } else if (beyond[d] > 0) {
                    expected += beyond[d] * upperTail((kthBest - (meanC + slope * (d - meanD))) / deviation);
                }
            }
        }
        for (int d = from; d <= last && expected < expectedMisses; d++) {
            int count = ends[d] - previousEnd;
            previousEnd = ends[d];
            double z = (kthBest - (meanC + slope * (d - meanD))) / deviation;
            double tail = upperTail(z);
            // The line only falls from here: if all that is left sat at this distance and still
            // added too little, the farther runs need not be counted.
            if (slope <= 0 && z > 0 && expected + left * tail < expectedMisses) {
                return true;
            }
            double here = count + (beyond == null || d >= beyond.length ? 0 : beyond[d]);
            expected += here * tail;
            left -= here;
        }
        for (int d = Math.max(from, last + 1); beyond != null && d < beyond.length && expected < expectedMisses; d++) {
            expected += beyond[d] * upperTail((kthBest - (meanC + slope * (d - meanD))) / deviation);
        }
        return expected < expectedMisses;
    }

    /** P(X > z) for a standard normal X, to a few per cent (all the rule needs). */
    static double upperTail(double z) {
        if (z < 0) {
            return 1 - upperTail(-z);
        }
        if (z > 9) {
            return 0; // below 1e-19: nothing any namespace size could add up
        }
        if (z > 3) {
            // Asymptotic series: accurate where the polynomial below loses its relative precision.
            double z2 = z * z;
            return Math.exp(-z2 / 2) / (z * Math.sqrt(2 * Math.PI)) * (1 - 1 / z2 + 3 / (z2 * z2));
        }
        // Abramowitz and Stegun 7.1.26 for erfc(z / sqrt 2), absolute error below 1.5e-7.
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double polynomial = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                + t * (-1.453152027 + t * 1.061405429))));
        return 0.5 * polynomial * Math.exp(-x * x);
    }
}
