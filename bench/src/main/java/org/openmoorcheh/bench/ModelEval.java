package org.openmoorcheh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.providers.LocalEmbedder;

/**
 * Compares the local embedding models on SciFact with exact float search (cosine over every
 * document): NDCG@10, Recall@100, and embedding speed in documents per second on this machine.
 * This is the evidence for the default {@code EMBEDDING_MODEL}.
 */
public final class ModelEval {

    /** BGE's model card asks for this instruction before short queries that retrieve passages. */
    static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private ModelEval() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String models = args.text("models", String.join(",", LocalEmbedder.supportedModels()));
        int limit = args.number("docs", Integer.MAX_VALUE);
        SciFact set = SciFact.load(data);
        List<SciFact.Doc> corpus = set.corpus.subList(0, Math.min(limit, set.corpus.size()));
        System.out.printf("ModelEval: SciFact, %d documents, %d judged queries, %d cores%n",
                corpus.size(), set.queries.size(), Runtime.getRuntime().availableProcessors());
        for (String model : models.split(",")) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                embedder.embed(List.of("warm up the model"));
                long started = System.nanoTime();
                List<float[]> docs = new ArrayList<>(corpus.size());
                for (int from = 0; from < corpus.size(); from += 64) {
                    List<String> texts = corpus.subList(from, Math.min(from + 64, corpus.size())).stream()
                            .map(SciFact.Doc::text).toList();
                    docs.addAll(embedder.embed(texts));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                report(set, corpus, docs, embedder, model, "", seconds);
                if (model.startsWith("bge")) {
                    report(set, corpus, docs, embedder, model, BGE_QUERY_INSTRUCTION, seconds);
                }
            }
        }
        System.out.println("command: bench/run ModelEval --data " + data + " --models " + models);
    }

    private static void report(SciFact set, List<SciFact.Doc> corpus, List<float[]> docs, LocalEmbedder embedder,
                               String model, String queryPrefix, double seconds) {
        Map<String, List<String>> rankings = new HashMap<>();
        for (SciFact.Query query : set.queries) {
            float[] q = embedder.embed(List.of(queryPrefix + query.text())).get(0);
            rankings.put(query.id(), ExactSearch.topIds(q, docs, corpus.stream().map(SciFact.Doc::id).toList(), 100));
        }
        System.out.printf("  %-22s %-16s NDCG@10 %.4f  Recall@100 %.4f  embedding %.1f docs/s (%.0f s)%n",
                model, queryPrefix.isEmpty() ? "plain queries" : "query instruction",
                set.ndcgAt10(rankings), set.recallAt100(rankings), corpus.size() / seconds, seconds);
    }
}
