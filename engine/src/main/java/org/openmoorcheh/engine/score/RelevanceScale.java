package org.openmoorcheh.engine.score;

/**
 * The relevance labels of scores in [0, 1] (SCORING.md). The cut-offs are the square roots of
 * 0.8, 0.4, 0.2, 0.1, 0.05 and 0.01 as the original publishes them, rounded to three decimals.
 */
public final class RelevanceScale {

    private static final double[] CUTOFFS = {0.894, 0.632, 0.447, 0.316, 0.224, 0.1};
    private static final String[] LABELS = {
        "Close Match", "Very High Relevance", "High Relevance", "Good Relevance",
        "Low Relevance", "Very Low Relevance"};
    private static final String BELOW_ALL = "Irrelevant";

    private RelevanceScale() {
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
