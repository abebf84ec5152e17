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
     * @param relevance the dense score in [0, 1] ({@link RelevanceScale#score(double)})
     * @param lexical the lexical share in [0, 1] ({@link #lexical(double, double)})
     * @return the hybrid score in [relevance, 1]
     */
    public static double fuse(double relevance, double lexical) {
        assert relevance >= 0 && relevance <= 1 && lexical >= 0 && lexical <= 1 : relevance + " " + lexical;
        return relevance + (1 - relevance) * WEIGHT * lexical;
    }
}
