package org.openmoorcheh.bench.lucene10;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Lucene 10's HNSW on the vectors a Java 17 bench exported ({@code --export DIR} of SearchBench and
 * RealSearchBench: {@code items.f32}, {@code queries.f32}, {@code truth.i32}), with the search width
 * k' swept from k up to 64k, until recall@k reaches 0.9995, so each of our figures can be set beside
 * Lucene's at the same recall.
 * Reported per width: recall@k against the exported exact truth, p50/p99 on one thread, and
 * queries/s with one caller per core. One segment (a 1 GB buffer), cosine, Lucene's default graph
 * (M 16, beam 100).
 */
public final class HnswPeer {

    private HnswPeer() {
    }

    public static void main(String[] argv) throws Exception {
        Path dir = null;
        int[] topKs = {10};
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--dir" -> dir = Path.of(argv[i + 1]);
                case "--top-k" -> topKs = Arrays.stream(argv[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: the folder a bench's --export wrote");
        }
        float[][] items = readVectors(dir.resolve("items.f32"));
        float[][] queries = readVectors(dir.resolve("queries.f32"));
        int[][] truth = readTruth(dir.resolve("truth.i32"));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("HnswPeer: Lucene %s on Java %s, %d x %d-d items, %d queries, %d cores%n",
                org.apache.lucene.util.Version.LATEST, Runtime.version(), items.length, items[0].length,
                queries.length, cores);

        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        long started = System.nanoTime();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(1024))) {
            for (int i = 0; i < items.length; i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField("v", items[i], VectorSimilarityFunction.COSINE));
                doc.add(new StoredField("id", i));
                writer.addDocument(doc);
            }
        }
        System.out.printf("  lucene10  HNSW build %.1f s (one segment)%n", (System.nanoTime() - started) / 1e9);
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int[] ids = new int[items.length];
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                ids[doc] = searcher.storedFields().document(doc).getField("id").numericValue().intValue();
            }
            for (int k : topKs) {
                if (k > truth[0].length) {
                    throw new IllegalArgumentException("the truth holds " + truth[0].length + " per query, not " + k);
                }
                for (int factor : new int[] {1, 2, 4, 8, 12, 16, 32, 64}) {
                    int width = k * factor;
                    // As the bench module's JitQuiet warms our engine: every query, until the JIT is quiet.
                    warmUntilJitQuiet(() -> {
                        for (float[] query : queries) {
                            searcher.search(new KnnFloatVectorQuery("v", query, width), k);
                        }
                    });
                    long[] nanos = new long[queries.length];
                    double recall = 0;
                    for (int q = 0; q < queries.length; q++) {
                        long t = System.nanoTime();
                        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery("v", queries[q], width), k).scoreDocs;
                        nanos[q] = System.nanoTime() - t;
                        Set<Integer> want = new HashSet<>();
                        for (int r = 0; r < k; r++) {
                            want.add(truth[q][r]);
                        }
                        int found = 0;
                        for (ScoreDoc hit : hits) {
                            found += want.contains(ids[hit.doc]) ? 1 : 0;
                        }
                        recall += (double) found / k;
                    }
                    Arrays.sort(nanos);
                    double qps = throughput(cores, Math.max(queries.length * 10, 2_000),
                            i -> searcher.search(new KnnFloatVectorQuery("v", queries[i % queries.length], width), k));
                    System.out.printf("  lucene10  top_k %3d, k' %4d: recall@%d %.4f; p50 %.2f ms, p99 %.2f ms;"
                                    + " %.0f queries/s (%d callers)%n", k, width, k, recall / queries.length,
                            nanos[nanos.length / 2] / 1e6, nanos[(int) Math.min(nanos.length - 1, nanos.length * 0.99)] / 1e6,
                            qps, cores);
                    if (recall / queries.length >= 0.9995) {
                        break; // wider only costs more
                    }
                }
            }
        }
    }

    private interface Search {
        void run(int i) throws Exception;
    }

    private interface Round {
        void run() throws Exception;
    }

    /**
     * Runs {@code round} until one spends under 2% of its wall time compiling (at least once, at most
     * 20 times): the bench module's {@code JitQuiet}, which this Java 25 build cannot link to.
     */
    private static void warmUntilJitQuiet(Round round) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        double share;
        int rounds = 0;
        do {
            long compiledMillis = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            round.run();
            rounds++;
            share = (jit.getTotalCompilationTime() - compiledMillis) * 1e6 / (System.nanoTime() - started);
        } while (share > 0.02 && rounds < 20);
    }

    private static double throughput(int callers, int rounds, Search search) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            running.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < rounds; i = next.getAndIncrement()) {
                    search.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        threads.shutdown();
        return rounds / ((System.nanoTime() - started) / 1e9);
    }

    /** {@code int count, int dim}, then count x dim little-endian float32. */
    static float[][] readVectors(Path file) throws IOException {
        ByteBuffer bytes = open(file);
        float[][] vectors = new float[bytes.getInt()][bytes.getInt()];
        for (float[] vector : vectors) {
            bytes.asFloatBuffer().get(vector);
            bytes.position(bytes.position() + 4 * vector.length);
        }
        return vectors;
    }

    /** {@code int count, int k}, then count x k little-endian item ordinals, nearest first. */
    static int[][] readTruth(Path file) throws IOException {
        ByteBuffer bytes = open(file);
        int[][] truth = new int[bytes.getInt()][bytes.getInt()];
        for (int[] row : truth) {
            bytes.asIntBuffer().get(row);
            bytes.position(bytes.position() + 4 * row.length);
        }
        return truth;
    }

    private static ByteBuffer open(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }
}
