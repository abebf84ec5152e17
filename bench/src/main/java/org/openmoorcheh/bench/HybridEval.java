package org.openmoorcheh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.RelevanceScale;

/**
 * Dense, lexical and hybrid ranking of SciFact compared offline (no server), to choose the lexical
 * settings and the fusion: NDCG@10 and Recall@100 of exact dense search, of BM25 with two analyzers
 * and two parameter sets, and of fusions of the two top-100 lists (a convex combination of
 * normalised scores over a grid of weights, and reciprocal rank fusion). Embeddings are cached under
 * {@code --cache}.
 */
public final class HybridEval {

    private static final int DEPTH = 100;

    private HybridEval() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String models = args.text("models", "all-minilm-l6-v2,bge-small-en-v1.5-q");
        Path cache = Path.of(args.text("cache", "bench/target/embeddings"));
        SciFact set = SciFact.load(data);
        List<String> ids = set.corpus.stream().map(SciFact.Doc::id).toList();
        List<String> texts = set.corpus.stream().map(SciFact.Doc::text).toList();
        System.out.printf("HybridEval: SciFact, %d documents, %d judged queries%n", ids.size(), set.queries.size());

        Map<String, Map<String, List<LexicalIndex.Match>>> lexicalRuns = new HashMap<>();
        lexical(set, ids, texts, "english k1 0.9 b 0.4", () -> new EnglishAnalyzer(), 0.9f, 0.4f, lexicalRuns);
        lexical(set, ids, texts, "english k1 1.2 b 0.75", () -> new EnglishAnalyzer(), 1.2f, 0.75f, lexicalRuns);
        lexical(set, ids, texts, "standard k1 0.9 b 0.4", () -> new StandardAnalyzer(), 0.9f, 0.4f, lexicalRuns);
        Map<String, List<LexicalIndex.Match>> bm25 = lexicalRuns.get("english k1 1.2 b 0.75");

        try (LexicalIndex lexical = new LexicalIndex()) {
            lexical.upsert(ids, texts);
            for (String model : models.split(",")) {
                float[][] docs = RealSearchBench.embedCached(cache.resolve(model + "-scifact-docs-256.f32"), model,
                        texts, "");
                float[][] queries = RealSearchBench.embedCached(cache.resolve(model + "-scifact-queries.f32"), model,
                        set.queries.stream().map(SciFact.Query::text).toList(), "");
                Map<String, double[]> cosines = new HashMap<>();
                Map<String, List<String>> dense = new HashMap<>();
                for (int q = 0; q < queries.length; q++) {
                    double[] c = new double[docs.length];
                    for (int d = 0; d < docs.length; d++) {
                        c[d] = Cosine.similarity(queries[q], docs[d]);
                    }
                    cosines.put(set.queries.get(q).id(), c);
                    dense.put(set.queries.get(q).id(), ExactSearch.topIds(queries[q], List.of(docs), ids, DEPTH));
                }
                report(set, model + " dense (exact)", dense);
                Map<String, Integer> position = new HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    position.put(ids.get(i), i);
                }
                for (String kind : new String[] {"min-max both", "score + bm25/max", "score + bm25/ceiling",
                        "score boosted by bm25/ceiling", "score boosted by bm25/max"}) {
                    for (double alpha : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
                        Map<String, List<String>> fused = new HashMap<>();
                        for (SciFact.Query query : set.queries) {
                            fused.put(query.id(), convex(query, dense.get(query.id()), bm25.get(query.id()), lexical,
                                    cosines.get(query.id()), position, alpha, kind));
                        }
                        report(set, String.format("%s hybrid a=%.1f %s", model, alpha, kind), fused);
                    }
                }
                for (int k : new int[] {20, 60}) {
                    Map<String, List<String>> fused = new HashMap<>();
                    for (SciFact.Query query : set.queries) {
                        fused.put(query.id(), rrf(dense.get(query.id()), bm25.get(query.id()), k));
                    }
                    report(set, model + " hybrid rrf k=" + k, fused);
                }
            }
        }
        System.out.println("command: bench/run HybridEval --data " + data + " --models " + models);
    }

    private static void lexical(SciFact set, List<String> ids, List<String> texts, String name,
                                Supplier<Analyzer> analyzer, float k1, float b,
                                Map<String, Map<String, List<LexicalIndex.Match>>> runs) {
        try (LexicalIndex index = new LexicalIndex(analyzer.get(), k1, b)) {
            long started = System.nanoTime();
            index.upsert(ids, texts);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, List<LexicalIndex.Match>> matches = new HashMap<>();
            Map<String, List<String>> rankings = new HashMap<>();
            long searchStarted = System.nanoTime();
            for (SciFact.Query query : set.queries) {
                List<LexicalIndex.Match> top = index.search(query.text(), DEPTH, null);
                matches.put(query.id(), top);
                rankings.put(query.id(), top.stream().map(LexicalIndex.Match::id).toList());
            }
            double perQuery = (System.nanoTime() - searchStarted) / 1e6 / set.queries.size();
            runs.put(name, matches);
            report(set, String.format("lexical %s (index %.1f s, %.2f ms/query)", name, seconds, perQuery), rankings);
        }
    }

    /**
     * Fusion over the union of both top-100 lists; s is the relevance score of the exact cosine, L the
     * BM25 score over the query's best ("max") or over the highest score the query could reach
     * ("ceiling", {@link LexicalIndex#ceiling}). Convex: a x s + (1 - a) x L; boosted: s + (1 - s) x
     * (1 - a) x L (never below s, at most 1); min-max: both parts min-max normalised, then convex.
     */
    static List<String> convex(SciFact.Query query, List<String> dense, List<LexicalIndex.Match> lexical,
                               LexicalIndex index, double[] cosines, Map<String, Integer> position, double alpha,
                               String kind) {
        boolean minMax = kind.startsWith("min-max");
        Set<String> candidates = new LinkedHashSet<>(dense);
        lexical.forEach(match -> candidates.add(match.id()));
        Map<String, Double> bm25 = new HashMap<>();
        for (LexicalIndex.Match match : index.scoresOf(query.text(), candidates)) {
            bm25.put(match.id(), (double) match.score());
        }
        double maxLex = kind.endsWith("ceiling") ? index.ceiling(query.text())
                : bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double minLex = minMax ? bm25.values().stream().mapToDouble(Double::doubleValue).min().orElse(0) : 0;
        double maxDense = Double.NEGATIVE_INFINITY;
        double minDense = Double.POSITIVE_INFINITY;
        for (String id : candidates) {
            double s = RelevanceScale.score(cosines[position.get(id)]);
            maxDense = Math.max(maxDense, s);
            minDense = Math.min(minDense, s);
        }
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (String id : candidates) {
            double s = RelevanceScale.score(cosines[position.get(id)]);
            double densePart = minMax ? (s - minDense) / Math.max(1e-12, maxDense - minDense) : s;
            double lex = bm25.getOrDefault(id, 0.0);
            double lexPart = Math.max(0, maxLex <= minLex ? 0 : (lex - minLex) / (maxLex - minLex));
            double fused = kind.startsWith("score boosted") ? s + (1 - s) * (1 - alpha) * lexPart
                    : alpha * densePart + (1 - alpha) * lexPart;
            scored.add(Map.entry(id, fused));
        }
        scored.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return scored.stream().limit(DEPTH).map(Map.Entry::getKey).toList();
    }

    static List<String> rrf(List<String> dense, List<LexicalIndex.Match> lexical, int k) {
        Map<String, Double> fused = new HashMap<>();
        for (int i = 0; i < dense.size(); i++) {
            fused.merge(dense.get(i), 1.0 / (k + i + 1), Double::sum);
        }
        for (int i = 0; i < lexical.size(); i++) {
            fused.merge(lexical.get(i).id(), 1.0 / (k + i + 1), Double::sum);
        }
        return fused.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .limit(DEPTH).map(Map.Entry::getKey).toList();
    }

    private static void report(SciFact set, String name, Map<String, List<String>> rankings) {
        System.out.printf("  %-60s NDCG@10 %.4f  Recall@100 %.4f%n", name, set.ndcgAt10(rankings),
                set.recallAt100(rankings));
    }
}
