package org.openmoorcheh.engine.score;

/**
 * The score scale and its labels (SCORING.md). Scores behave like normalised mutual information
 * between the sign bits of query and item: the cosine {@code rho} is turned into the expected
 * correlation of the bits, {@code phi = (2/pi) asin(rho)}, and the score is
 * {@code 1 - H2((1 + phi) / 2)} for {@code phi > 0}, else 0. It is monotone in the cosine, so ranking
 * by score is ranking by cosine. Label cut-offs are the square roots of 0.8, 0.4, 0.2, 0.1, 0.05 and
 * 0.01 as the original publishes them, rounded to three decimals.
 */
public final class RelevanceScale {

    private static final double[] CUTOFFS = {0.894, 0.632, 0.447, 0.316, 0.224, 0.1};
    private static final String[] LABELS = {
        "Close Match", "Very High Relevance", "High Relevance", "Good Relevance",
        "Low Relevance", "Very Low Relevance"};
    private static final String BELOW_ALL = "Irrelevant";

    private RelevanceScale() {
    }

    /** The score in [0, 1] of a cosine similarity in [-1, 1]. */
    public static double score(double cosine) {
        double rho = Math.max(-1, Math.min(1, cosine));
        double phi = 2 / Math.PI * Math.asin(rho);
        if (phi <= 0) {
            return 0;
        }
        double p = (1 + phi) / 2;
        return Math.max(0, Math.min(1, 1 - entropy(p)));
    }

    /** A score rounded to 6 decimals, as the API reports it. */
    public static double rounded(double score) {
        return Math.round(score * 1_000_000d) / 1_000_000d;
    }

    private static double entropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    /** The label of a score; scores at a cut-off take the higher label. */
    public static String label(double score) {
        for (int i = 0; i < CUTOFFS.length; i++) {
            if (score >= CUTOFFS[i]) {
                return LABELS[i];
            }
        }
        return BELOW_ALL;
    }
}
