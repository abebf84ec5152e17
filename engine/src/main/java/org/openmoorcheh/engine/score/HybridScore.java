package org.openmoorcheh.engine.score;

/**
 * The score of a result found by words, alone or together with meaning (docs/API-NOTES.md, "Search
 * modes and their scores").
 *
 * <p>The lexical share of an item is its BM25 score over the highest score the query could reach in
 * its namespace (the sum of the idf of its words, see {@code LexicalIndex.ceiling}): an absolute
 * measure in [0, 1] of how much of the query's information the item holds, not a rank relative to the
 * other results, so {@code threshold} keeps one meaning whatever else matched.
 *
 * <p>The hybrid score is the dense relevance score raised toward 1 by the lexical share:
 * {@code s + (1 - s) x WEIGHT x lexical}. It is never below the dense score (adding a matching word
 * never hurts), never above 1, equal to the dense score for an item sharing no word with the query,
 * and increasing in both parts. {@link #WEIGHT} is the only knob: 0.3 to 0.6 all give NDCG@10 0.734
 * to 0.741 on SciFact with the default model and 0.748 to 0.752 with bge-small; 0.4 is the best of
 * the default model and takes bge-small to 0.752 (docs/BENCHMARKS.md).
 */
public final class HybridScore {

    /** How far a perfect lexical match raises the dense score toward 1. */
    public static final double WEIGHT = 0.4;

    /** Kept between a floor and the score it protects ({@link #cosineFloor}), far above the rounding of {@link #fuse}. */
    private static final double MARGIN = 1e-9;

    private HybridScore() {
    }

    /**
     * @param bm25 the item's BM25 score for the query
     * @param ceiling the highest BM25 score the query could reach; zero when none of its words is known
     * @return the lexical share in [0, 1]
     */
    public static double lexical(double bm25, double ceiling) {
        if (!(ceiling > 0) || !(bm25 > 0)) {
            return 0;
        }
        return Math.min(1, bm25 / ceiling);
    }

    /**
     * The cosine an item needs for its hybrid score to reach {@code score} when its lexical share is at
     * most {@code share}: every item with a lower cosine fuses below {@code score}, by more than
     * rounding. A hybrid search that already holds {@code top_k} candidates scoring at least
     * {@code score} needs no dense candidate below it. Minus infinity when any cosine could reach it.
     *
     * <p>{@link #fuse} grows with the dense score, so the dense score must reach
     * {@code s* = (score - WEIGHT x share) / (1 - WEIGHT x share)}; the cosine is found by bisection on
     * {@link RelevanceScale#score} (monotone), keeping the side whose score is below {@code s*}.
     *
     * @param score a hybrid score in [0, 1]
     * @param share the highest lexical share the items in question can have, in [0, 1]
     */
    public static double cosineFloor(double score, double share) {
        assert score >= 0 && score <= 1 && share >= 0 && share <= 1 : score + " " + share;
        double boost = WEIGHT * share;
        double needed = (score - boost) / (1 - boost) - MARGIN;
        if (!(needed > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double below = 0;
        double above = 1;
        // score(below) < needed <= score(above), so every cosine up to `below` scores under `needed`.
        for (int i = 0; i < 60 && above - below > 1e-12; i++) {
            double middle = (below + above) / 2;
            if (RelevanceScale.score(middle) < needed) {
                below = middle;
            } else {
                above = middle;
            }
        }
        return below;
    }

    /**
     * @param relevance the dense score in [0, 1] ({@link RelevanceScale#score(double)})
     * @param lexical the lexical share in [0, 1] ({@link #lexical(double, double)})
     * @return the hybrid score in [relevance, 1]
     */
    public static double fuse(double relevance, double lexical) {
        assert relevance >= 0 && relevance <= 1 && lexical >= 0 && lexical <= 1 : relevance + " " + lexical;
        return relevance + (1 - relevance) * WEIGHT * lexical;
    }
}
