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
 * HTTP with {@code top_k} 100 (the engine), and again by exact cosine over the very vectors the
 * server stored (read from its SQLite file) with the same model's query vectors (exact float
 * search). Prints docs/s, peak heap, and NDCG@10 and Recall@100 of both.
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
        SciFact set = SciFact.load(data);
        List<SciFact.Doc> corpus = set.corpus.subList(0, Math.min(limit, set.corpus.size()));
        ObjectMapper mapper = new ObjectMapper();
        System.out.printf("SciFactBench: %d SciFact abstracts, model %s, %d cores%n", corpus.size(), model,
                Runtime.getRuntime().availableProcessors());
        try (BenchServer server = new BenchServer(Map.of("EMBEDDING_MODEL", model))) {
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

            Map<String, List<String>> engine = new HashMap<>();
            long[] serverNanos = new long[set.queries.size()];
            int q = 0;
            for (SciFact.Query query : set.queries) {
                ObjectNode body = mapper.createObjectNode().put("query", query.text()).put("top_k", 100);
                body.putArray("namespaces").add("scifact");
                JsonNode answer = server.post("/search", mapper.writeValueAsBytes(body));
                List<String> ids = new ArrayList<>();
                answer.get("results").forEach(hit -> ids.add(hit.get("id").asText()));
                engine.put(query.id(), ids);
                serverNanos[q++] = (long) (answer.get("timings").get("total").asDouble() * 1e9);
            }
            // The same queries as clients usually send them (top_k 10): fewer candidates, so the
            // first stage prunes harder; NDCG@10 must not move.
            Map<String, List<String>> engineTop10 = new HashMap<>();
            for (SciFact.Query query : set.queries) {
                ObjectNode body = mapper.createObjectNode().put("query", query.text()).put("top_k", 10);
                body.putArray("namespaces").add("scifact");
                List<String> ids = new ArrayList<>();
                server.post("/search", mapper.writeValueAsBytes(body)).get("results")
                        .forEach(hit -> ids.add(hit.get("id").asText()));
                engineTop10.put(query.id(), ids);
            }
            Map<String, List<String>> exact = exactRankings(server, set, model);
            System.out.printf("  engine, top_k 100      NDCG@10 %.4f  Recall@100 %.4f  server-side %s per text query%n",
                    set.ndcgAt10(engine), set.recallAt100(engine), new Latencies(serverNanos));
            System.out.printf("  engine, top_k 10       NDCG@10 %.4f%n", set.ndcgAt10(engineTop10));
            System.out.printf("  exact float search     NDCG@10 %.4f  Recall@100 %.4f%n",
                    set.ndcgAt10(exact), set.recallAt100(exact));
        }
        System.out.println("command: bench/run SciFactBench --data " + data + " --model " + model);
    }
}
