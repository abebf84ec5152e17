package org.openmoorcheh.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
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
import org.openmoorcheh.server.providers.LocalEmbedder;

/**
 * Search recall and speed on real text embeddings, beside Lucene's HNSW in the same run.
 *
 * <p>Data: the SciFact corpus split into sentences (about 50,000) embedded with a local model; queries:
 * the 300 judged SciFact claims embedded with the same model (BGE with its query instruction). Truth:
 * exact cosine top-k. Reported per top_k: the engine's recall@k, p50/p99 on one caller (scan split
 * over the cores, as the server does), queries/s with one caller per core, and bytes allocated per
 * query; then Lucene 9.12 HNSW at growing k' (its candidate list), so the two can be compared at equal
 * recall. Embeddings are cached under {@code --cache} (they take minutes to compute on two cores).
 */
public final class RealSearchBench {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9(\\[])");
    private static final int MIN_SENTENCE_CHARS = 20;

    private RealSearchBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String model = args.text("model", "all-minilm-l6-v2");
        Path cache = Path.of(args.text("cache", "bench/target/embeddings"));
        boolean lucene = !args.text("lucene", "true").equals("false");
        int[] topKs = Arrays.stream(args.text("top-k", "10,100").split(",")).mapToInt(Integer::parseInt).toArray();
        int limit = args.number("n", Integer.MAX_VALUE);

        SciFact set = SciFact.load(data);
        List<String> sentences = sentences(set);
        float[][] items = embedCached(cache.resolve(model + "-sentences.f32"), model, sentences, "");
        float[][] probes = embedCached(cache.resolve(model + "-claims.f32"), model,
                set.queries.stream().map(SciFact.Query::text).toList(),
                model.startsWith("bge") ? ModelEval.BGE_QUERY_INSTRUCTION : "");
        if (limit < items.length) {
            items = Arrays.copyOf(items, limit);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("RealSearchBench: %s, %d SciFact sentences x %d-d, %d claims as queries, %d cores%n",
                model, items.length, items[0].length, probes.length, cores);
        int maxK = Arrays.stream(topKs).max().orElse(10);
        List<List<Integer>> truth = ExactSearch.topOrdinals(items, probes, maxK);
        if (!args.text("export", "").isEmpty()) {
            Export.write(Path.of(args.text("export", "")), items, probes, truth);
        }

        NamespaceIndex index = new NamespaceIndex(items[0].length, null);
        long started = System.nanoTime();
        for (int from = 0; from < items.length; from += 10_000) {
            List<String> ids = new ArrayList<>();
            List<float[]> batch = new ArrayList<>();
            for (int i = from; i < Math.min(items.length, from + 10_000); i++) {
                ids.add(Integer.toString(i));
                batch.add(items[i]);
            }
            index.upsert(ids, batch);
            index.calibrateIfDue();
        }
        System.out.printf("  engine  build %.1f s%n", (System.nanoTime() - started) / 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        for (int k : topKs) {
            engine(index, probes, truth, k, pool, cores);
        }
        pool.shutdownNow();
        if (lucene) {
            lucene(items, probes, truth, topKs);
        }
        System.out.printf("command: bench/run RealSearchBench --model %s --top-k %s --lucene %s%n", model,
                args.text("top-k", "10,100"), lucene);
    }

    /** Sentences of every abstract (the title is one more), those of at least 20 characters. */
    static List<String> sentences(SciFact set) {
        List<String> out = new ArrayList<>();
        for (SciFact.Doc doc : set.corpus) {
            for (String sentence : SENTENCE_END.split(doc.text())) {
                if (sentence.strip().length() >= MIN_SENTENCE_CHARS) {
                    out.add(sentence.strip());
                }
            }
        }
        return out;
    }

    private static void engine(NamespaceIndex index, float[][] probes, List<List<Integer>> truth, int k,
                               ExecutorService pool, int cores) throws Exception {
        for (int warm = 0; warm < 2_000; warm++) {
            index.search(probes[warm % probes.length], k, null, pool, cores);
            index.search(probes[warm % probes.length], k, null, null, 1);
        }
        long[] nanos = new long[probes.length];
        int[] read = new int[probes.length];
        double recall = 0;
        for (int q = 0; q < probes.length; q++) {
            long t = System.nanoTime();
            List<Hit> hits = index.search(probes[q], k, null, pool, cores);
            nanos[q] = System.nanoTime() - t;
            read[q] = NamespaceIndex.vectorsReadByLastSearch();
            recall += recall(hits.stream().map(h -> Integer.parseInt(h.id())).toList(), truth.get(q), k);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (float[] probe : probes) {
            index.search(probe, k, null, null, 1);
        }
        double allocated = (threads.getCurrentThreadAllocatedBytes() - before) / (double) probes.length;
        double qps = Callers.run(cores, probes.length * 10, i -> index.search(probes[i % probes.length], k, null, null, 1));
        System.out.printf("  engine  top_k %3d: recall@%d %.4f; %s; %.0f queries/s (%d callers); %.0f bytes"
                + " allocated per query; vectors read %s%n", k, k, recall / probes.length, new Latencies(nanos), qps,
                cores, allocated, Latencies.counts(read));
    }

    private static void lucene(float[][] items, float[][] probes, List<List<Integer>> truth, int[] topKs)
            throws Exception {
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
        System.out.printf("  lucene  HNSW build %.1f s (one segment)%n", (System.nanoTime() - started) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int[] ids = new int[items.length];
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                ids[doc] = searcher.storedFields().document(doc).getField("id").numericValue().intValue();
            }
            for (int k : topKs) {
                for (int factor : new int[] {1, 2, 4, 8, 12, 16}) {
                    int candidates = k * factor;
                    for (int warm = 0; warm < 500; warm++) {
                        searcher.search(new KnnFloatVectorQuery("v", probes[warm % probes.length], candidates), k);
                    }
                    long[] nanos = new long[probes.length];
                    double recall = 0;
                    for (int q = 0; q < probes.length; q++) {
                        long t = System.nanoTime();
                        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery("v", probes[q], candidates), k).scoreDocs;
                        nanos[q] = System.nanoTime() - t;
                        List<Integer> got = new ArrayList<>();
                        for (ScoreDoc hit : hits) {
                            got.add(ids[hit.doc]);
                        }
                        recall += recall(got, truth.get(q), k);
                    }
                    double qps = Callers.run(cores, probes.length * 10, i -> searcher.search(
                            new KnnFloatVectorQuery("v", probes[i % probes.length], candidates), k));
                    System.out.printf("  lucene  top_k %3d, k' %4d: recall@%d %.4f; %s; %.0f queries/s (%d callers)%n",
                            k, candidates, k, recall / probes.length, new Latencies(nanos), qps, cores);
                }
            }
        }
    }

    static float[][] embedCached(Path file, String model, List<String> texts, String prefix) throws IOException {
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                int dim = in.readInt();
                if (n == texts.size()) {
                    float[][] out = new float[n][dim];
                    for (float[] v : out) {
                        for (int d = 0; d < dim; d++) {
                            v[d] = in.readFloat();
                        }
                    }
                    return out;
                }
            }
        }
        System.out.printf("  embedding %d texts with %s (cached in %s)%n", texts.size(), model, file);
        long started = System.nanoTime();
        float[][] out = new float[texts.size()][];
        try (LocalEmbedder embedder = new LocalEmbedder(model)) {
            for (int from = 0; from < texts.size(); from += 256) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + 256)).stream()
                        .map(text -> prefix + text).toList();
                List<float[]> vectors = embedder.embed(batch);
                for (int i = 0; i < vectors.size(); i++) {
                    out[from + i] = vectors.get(i);
                }
            }
        }
        System.out.printf("  embedded in %.0f s%n", (System.nanoTime() - started) / 1e9);
        Files.createDirectories(file.getParent());
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(out.length);
            o.writeInt(out[0].length);
            for (float[] v : out) {
                for (float x : v) {
                    o.writeFloat(x);
                }
            }
        }
        return out;
    }

    /** Recall@k: the share of the exact top k that came back. */
    private static double recall(List<Integer> got, List<Integer> truth, int k) {
        Set<Integer> exact = new HashSet<>(truth.subList(0, Math.min(k, truth.size())));
        return got.stream().filter(exact::contains).count() / (double) exact.size();
    }
}
