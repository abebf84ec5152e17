package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.providers.LocalEmbedder;

/**
 * SciFact through the real server: the abstracts are ingested over HTTP in batches of 100 (timed
 * from the first POST until the last job completes), then the 300 judged queries are searched over
 * HTTP in each {@code search_mode} of {@code --modes} with {@code top_k} 100 and 10, and again by exact
 * cosine over the very vectors the server stored (read from its SQLite file) with the same model's
 * query vectors (exact float search). Prints docs/s, peak heap, NDCG@10 and Recall@100 of each, and
 * the server-side time per text query (top_k 10, embedding included).
 */
public final class SciFactBench {

    private SciFactBench() {
    }

    /** Brute-force cosine over the vectors in the server's database, with the same model's query vectors. */
    private static Map<String, List<String>> exactRankings(BenchServer server, SciFact set, String model)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("moorcheh.db"));
             Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery("SELECT item_id, vector FROM items WHERE item_id <> 'warm-up'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
                byte[] blob = rows.getBytes(2);
                float[] vector = new float[blob.length / 4];
                ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
                vectors.add(vector);
            }
        }
        Map<String, List<String>> rankings = new HashMap<>();
        try (LocalEmbedder embedder = new LocalEmbedder(model)) {
            for (SciFact.Query query : set.queries) {
                float[] q = embedder.embed(List.of(query.text())).get(0);
                rankings.put(query.id(), ExactSearch.topIds(q, vectors, ids, 100));
            }
        }
        return rankings;
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String model = args.text("model", "all-minilm-l6-v2");
        int limit = args.number("docs", Integer.MAX_VALUE);
        // An empty name sends no search_mode: the server's default, what older clients get.
        String modes = args.text("modes", "dense,lexical,hybrid,");
        SciFact set = SciFact.load(data);
        List<SciFact.Doc> corpus = set.corpus.subList(0, Math.min(limit, set.corpus.size()));
        ObjectMapper mapper = new ObjectMapper();
        System.out.printf("SciFactBench: %d SciFact abstracts, model %s, %d cores%n", corpus.size(), model,
                Runtime.getRuntime().availableProcessors());
        Map<String, String> env = new java.util.HashMap<>(Map.of("EMBEDDING_MODEL", model));
        if (args.text("store", "sqlite").equals("postgres")) {
            env.put("MOORCHEH_DATABASE_URL", org.openmoorcheh.store.postgres.PostgresServer.shared().freshDatabase());
        }
        try (BenchServer server = new BenchServer(env)) {
            server.post("/namespaces", "{\"namespace_name\":\"scifact\",\"type\":\"text\"}".getBytes());
            // Load the model before the clock starts: it happens once per process.
            String warm = server.post("/namespaces/scifact/documents",
                    "{\"documents\":[{\"id\":\"warm-up\",\"text\":\"warm up\"}]}".getBytes()).get("job_id").asText();
            server.awaitUpload("scifact", warm);
            HeapPeak.reset();
            long started = System.nanoTime();
            List<String> jobs = new ArrayList<>();
            for (int from = 0; from < corpus.size(); from += 100) {
                ObjectNode body = mapper.createObjectNode();
                ArrayNode documents = body.putArray("documents");
                for (SciFact.Doc doc : corpus.subList(from, Math.min(from + 100, corpus.size()))) {
                    documents.addObject().put("id", doc.id()).put("text", doc.text());
                }
                jobs.add(server.post("/namespaces/scifact/documents", mapper.writeValueAsBytes(body))
                        .get("job_id").asText());
            }
            for (String job : jobs) {
                server.awaitUpload("scifact", job);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("  %d documents in %.1f s: %.1f docs/s end to end%n", corpus.size(), seconds,
                    corpus.size() / seconds);
            System.out.printf("  peak heap (server and client in one JVM): %s%n", HeapPeak.mib(HeapPeak.peakBytes()));

            Map<String, List<String>> exact = exactRankings(server, set, model);
            System.out.printf("  exact float search       NDCG@10 %.4f  Recall@100 %.4f%n",
                    set.ndcgAt10(exact), set.recallAt100(exact));
            for (String mode : modes.split(",", -1)) {
                long[] serverNanos = new long[set.queries.size()];
                Map<String, List<String>> top100 = rankings(server, set, mapper, mode, 100, serverNanos);
                Map<String, List<String>> top10 = rankings(server, set, mapper, mode, 10, serverNanos);
                System.out.printf("  %-24s NDCG@10 %.4f  Recall@100 %.4f  (top_k 10: NDCG@10 %.4f, server-side %s"
                        + " per text query)%n", mode.isEmpty() ? "default (no search_mode)" : mode,
                        set.ndcgAt10(top100), set.recallAt100(top100), set.ndcgAt10(top10), new Latencies(serverNanos));
            }
        }
        System.out.println("command: bench/run SciFactBench --data " + data + " --model " + model);
    }

    /**
     * The 300 queries over HTTP in one mode ("" sends none) with one {@code top_k}; the server-side
     * total of each query goes to {@code serverNanos} (the last call's fill wins).
     */
    private static Map<String, List<String>> rankings(BenchServer server, SciFact set, ObjectMapper mapper,
                                                      String mode, int topK, long[] serverNanos) throws Exception {
        Map<String, List<String>> rankings = new HashMap<>();
        int q = 0;
        for (SciFact.Query query : set.queries) {
            ObjectNode body = mapper.createObjectNode().put("query", query.text()).put("top_k", topK);
            if (!mode.isEmpty()) {
                body.put("search_mode", mode);
            }
            body.putArray("namespaces").add("scifact");
            JsonNode answer = server.post("/search", mapper.writeValueAsBytes(body));
            List<String> ids = new ArrayList<>();
            answer.get("results").forEach(hit -> ids.add(hit.get("id").asText()));
            rankings.put(query.id(), ids);
            serverNanos[q++] = (long) (answer.get("timings").get("total").asDouble() * 1e9);
        }
        return rankings;
    }
}
