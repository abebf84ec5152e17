package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.score.Hit;

/**
 * Search speed, memory and recall, side by side with Lucene's HNSW on the same vectors.
 *
 * <p>Data: {@code --n} vectors of {@code --dim} dimensions drawn around {@code --clusters} random
 * centres; queries are fresh draws around random centres. Recall@10 is measured against exact float
 * search (brute-force cosine). Reported: our engine called directly (build time, heap of the codes,
 * off-heap vectors, latency on one thread, recall), the same data served over HTTP by a real server
 * with 1 and 8 concurrent clients (server-side {@code timings.total}, round trip, queries/s), and
 * Lucene 9.12 HNSW (build time, index bytes, latency, queries/s with 8 threads, recall).
 */
public final class SearchBench {

    /** Queries sent before anything is measured over HTTP (a server runs warm; JMH would warm up too). */
    private static final int WARM_UP_QUERIES = 3_000;

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private SearchBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        int n = args.number("n", 100_000);
        int dim = args.number("dim", 768);
        int clusters = args.number("clusters", 1_000);
        int queries = args.number("queries", 200);
        boolean http = !args.text("http", "true").equals("false");
        boolean lucene = !args.text("lucene", "true").equals("false");
        // Searches per load measured over HTTP (each client count, server and ceiling alike).
        int rounds = args.number("rounds", Math.max(queries, 1_000));
        String searchThreads = args.text("search-threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        System.out.printf("SearchBench: %d x %d-d vectors in %d clusters, %d queries, %d cores, max heap %s%n",
                n, dim, clusters, queries, Runtime.getRuntime().availableProcessors(),
                HeapPeak.mib(Runtime.getRuntime().maxMemory()));

        Random random = new Random(42);
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(random, dim, 1.0f, null);
        }
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            data[i] = gaussian(random, dim, 0.35f, centres[random.nextInt(clusters)]);
        }
        float[][] probes = new float[queries][];
        for (int q = 0; q < queries; q++) {
            probes[q] = gaussian(random, dim, 0.35f, centres[random.nextInt(clusters)]);
        }
        List<Set<Integer>> truth = exactTop10(data, probes);
        if (!args.text("export", "").isEmpty()) {
            Export.write(java.nio.file.Path.of(args.text("export", "")), data, probes, truth);
        }

        engine(data, probes, truth);
        if (http) {
            overHttp(data, probes, truth, searchThreads, rounds);
        }
        if (lucene) {
            lucene(data, probes, truth);
        }
        System.out.printf("command: bench/run SearchBench --n %d --dim %d --clusters %d --queries %d --http %s"
                + " --lucene %s --search-threads %s --rounds %d%n", n, dim, clusters, queries, http, lucene, searchThreads,
                rounds);
    }

    private static void engine(float[][] data, float[][] probes, List<Set<Integer>> truth) throws Exception {
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        NamespaceIndex index = new NamespaceIndex(data[0].length, null);
        List<String> ids = new ArrayList<>();
        List<float[]> batch = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            ids.add(Integer.toString(i));
            batch.add(data[i]);
            if (ids.size() == 10_000 || i == data.length - 1) {
                index.upsert(ids, batch);
                index.calibrateIfDue();
                ids.clear();
                batch.clear();
            }
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        long heapAfter = usedHeapAfterGc();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        int threads = Runtime.getRuntime().availableProcessors();
        // Every probe searched until the JIT is quiet: 50 searches left it compiling during the
        // measured ones (at 1,000,000 items a profile still showed the Vector API's Java fallbacks).
        JitQuiet.Warmed warmed = JitQuiet.warm(() -> {
            for (float[] probe : probes) {
                index.search(probe, 10, null, pool, threads);
            }
        }, 20);
        long[] nanos = new long[probes.length];
        int[] read = new int[probes.length];
        double recall = 0;
        for (int q = 0; q < probes.length; q++) {
            long t = System.nanoTime();
            List<Hit> hits = index.search(probes[q], 10, null, pool, threads);
            nanos[q] = System.nanoTime() - t;
            read[q] = NamespaceIndex.vectorsReadByLastSearch();
            recall += recall(hits.stream().map(h -> Integer.parseInt(h.id())).toList(), truth.get(q));
        }
        pool.shutdownNow();
        System.out.printf("  engine  build %.1f s; codes %s on heap (heap grew %s incl. ids and maps);"
                        + " vectors %s off-heap%n", buildSeconds, HeapPeak.mib(index.codeBytes()),
                HeapPeak.mib(heapAfter - heapBefore), HeapPeak.mib(index.offHeapBytes()));
        System.out.printf("  engine  direct, %d scan threads asked: %s; recall@10 vs exact %.4f; vectors read %s"
                + " (warm-up: %s)%n", threads, new Latencies(nanos), recall / probes.length, Latencies.counts(read),
                warmed);
    }

    private static void overHttp(float[][] data, float[][] probes, List<Set<Integer>> truth, String searchThreads,
                                 int rounds)
            throws Exception {
        try (BenchServer server = new BenchServer(Map.of("MOORCHEH_SEARCH_THREADS", searchThreads))) {
            System.out.println("  server  MOORCHEH_SEARCH_THREADS=" + searchThreads);
            int dim = data[0].length;
            server.post("/namespaces", ("{\"namespace_name\":\"bench\",\"type\":\"vector\",\"vector_dimension\":"
                    + dim + "}").getBytes(StandardCharsets.UTF_8));
            for (int from = 0; from < data.length; from += 1_000) {
                StringBuilder body = new StringBuilder("{\"vectors\":[");
                for (int i = from; i < Math.min(data.length, from + 1_000); i++) {
                    body.append(i == from ? "" : ",").append("{\"id\":\"").append(i).append("\",\"vector\":")
                            .append(json(data[i])).append('}');
                }
                server.post("/namespaces/bench/vectors", body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            }
            byte[][] bodies = new byte[probes.length][];
            for (int q = 0; q < probes.length; q++) {
                bodies[q] = ("{\"query\":" + json(probes[q]) + ",\"namespaces\":[\"bench\"],\"top_k\":10}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            warmUp(server.url(), bodies, "server ");
            double recall = 0;
            Map<String, Double> phases = new java.util.LinkedHashMap<>();
            for (int q = 0; q < probes.length; q++) {
                List<Integer> got = new ArrayList<>();
                JsonNode answer = server.post("/search", bodies[q]);
                answer.get("results").forEach(hit -> got.add(hit.get("id").asInt()));
                answer.get("timings").fields().forEachRemaining(
                        phase -> phases.merge(phase.getKey(), phase.getValue().asDouble() * 1e3 / probes.length, Double::sum));
                recall += recall(got, truth.get(q));
            }
            System.out.printf("  server  recall@10 over HTTP %.4f%n", recall / probes.length);
            StringBuilder breakdown = new StringBuilder();
            phases.forEach((phase, millis) -> breakdown.append(String.format(" %s %.2f", phase, millis)));
            System.out.println("  server  mean ms per phase (1 client):" + breakdown);
            JsonNode sample = server.post("/search", bodies[0]);
            for (int clients : new int[] {1, 8}) {
                Load load = load(server.url(), bodies, clients, rounds);
                System.out.printf("  server  %d client(s): server-side %s; round trip %s; %.0f queries/s%n",
                        clients, new Latencies(load.serverNanos()), new Latencies(load.roundTrip()), load.perSecond());
            }
            ceiling(sample, bodies, rounds);
        }
    }

    /**
     * The same load against {@link StackCeiling}: this server's HTTP stack answering a real answer
     * of the same size without searching, in this run, on this machine.
     */
    private static void ceiling(JsonNode sample, byte[][] bodies, int rounds) throws Exception {
        try (StackCeiling ceiling = new StackCeiling(sample)) {
            warmUp(ceiling.url(), bodies, "ceiling");
            for (int clients : new int[] {1, 8}) {
                Load load = load(ceiling.url(), bodies, clients, rounds);
                System.out.printf("  ceiling %d client(s): round trip %s; %.0f queries/s (same stack, same answer"
                        + " size, no search)%n", clients, new Latencies(load.roundTrip()), load.perSecond());
            }
        }
    }

    /**
     * Steady state before anything is measured, the same for the server and its ceiling: the load
     * generator itself, one client then eight, until the JIT is quiet ({@link JitQuiet}). The server
     * had been warmed by 3,000 requests through another client, one at a time, while the ceiling was
     * warmed by this one; with 5,000 measured searches the compilers still took 15-37% of a core
     * during the server's runs, and its figure depended on how long it ran (1,088-1,438 queries/s
     * with 8 clients over 5,000 searches, 1,473-1,576 over 20,000, the ceiling rising alike).
     */
    private static void warmUp(String base, byte[][] bodies, String what) throws Exception {
        load(base, bodies, 1, WARM_UP_QUERIES);
        JitQuiet.Warmed warmed = JitQuiet.warm(() -> load(base, bodies, 8, WARM_UP_QUERIES), 30);
        System.out.printf("  %s warm-up: %,d queries (%s %,d)%n", what, WARM_UP_QUERIES * (1L + warmed.rounds()),
                warmed, WARM_UP_QUERIES);
    }

    /** Figures of one load: the server's own {@code timings.total} and the round trip per request. */
    private record Load(long[] serverNanos, long[] roundTrip, double perSecond) {
    }

    /** {@code rounds} searches from {@code clients} threads, each sending the next body as soon as it has an answer. */
    private static Load load(String base, byte[][] bodies, int clients, int rounds) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(base + "/search");
        long[] serverNanos = new long[rounds];
        long[] roundTrip = new long[rounds];
        double perSecond = Callers.run(clients, rounds, i -> {
            long t = System.nanoTime();
            java.net.http.HttpResponse<byte[]> response = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bodies[i % bodies.length]))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            roundTrip[i] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode answer = MAPPER.readTree(response.body());
            serverNanos[i] = (long) (answer.get("timings").get("total").asDouble() * 1e9);
        });
        return new Load(serverNanos, roundTrip, perSecond);
    }

    private static void lucene(float[][] data, float[][] probes, List<Set<Integer>> truth) throws Exception {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        long started = System.nanoTime();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(1024))) {
            for (int i = 0; i < data.length; i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField("v", data[i], VectorSimilarityFunction.COSINE));
                doc.add(new StoredField("id", i));
                writer.addDocument(doc);
            }
            // A 1 GB buffer holds every document, so closing flushes a single segment: no merge rebuilds the graph.
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            JitQuiet.warm(() -> {
                for (float[] probe : probes) {
                    searcher.search(new KnnFloatVectorQuery("v", probe, 10), 10);
                }
            }, 20);
            long[] nanos = new long[probes.length];
            double recall = 0;
            for (int q = 0; q < probes.length; q++) {
                long t = System.nanoTime();
                ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery("v", probes[q], 10), 10).scoreDocs;
                nanos[q] = System.nanoTime() - t;
                List<Integer> got = new ArrayList<>();
                for (ScoreDoc hit : hits) {
                    got.add(searcher.storedFields().document(hit.doc).getField("id").numericValue().intValue());
                }
                recall += recall(got, truth.get(q));
            }
            double qps = Callers.run(8, Math.max(probes.length, 1_000),
                    i -> searcher.search(new KnnFloatVectorQuery("v", probes[i % probes.length], 10), 10));
            System.out.printf("  lucene  HNSW build %.1f s; index %s in RAM (vectors + graph)%n",
                    buildSeconds, HeapPeak.mib(indexBytes(directory)));
            System.out.printf("  lucene  in-process, 1 thread: %s; 8 threads: %.0f queries/s; recall@10 vs exact %.4f%n",
                    new Latencies(nanos), qps, recall / probes.length);
        }
    }

    private static long indexBytes(ByteBuffersDirectory directory) throws java.io.IOException {
        long bytes = 0;
        for (String file : directory.listAll()) {
            bytes += directory.fileLength(file);
        }
        return bytes;
    }

    private static List<Set<Integer>> exactTop10(float[][] data, float[][] probes) throws Exception {
        List<Set<Integer>> truth = new ArrayList<>();
        for (List<Integer> top : ExactSearch.topOrdinals(data, probes, 10)) {
            truth.add(new HashSet<>(top));
        }
        return truth;
    }

    private static double recall(List<Integer> got, Set<Integer> truth) {
        return got.stream().filter(truth::contains).count() / (double) truth.size();
    }

    private static float[] gaussian(Random random, int dim, float scale, float[] centre) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (centre == null ? 0 : centre[d]) + scale * (float) random.nextGaussian();
        }
        return v;
    }

    private static String json(float[] vector) {
        StringBuilder out = new StringBuilder("[");
        for (int d = 0; d < vector.length; d++) {
            out.append(d == 0 ? "" : ",").append(vector[d]);
        }
        return out.append(']').toString();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
