package org.openmoorcheh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * Text search in each {@code search_mode} at up to 100,000 items, and what the lexical index costs
 * at start-up. Embedding 100,000 texts over HTTP would take an hour on 2 cores, so SciFact sentences
 * with their cached vectors (RealSearchBench's) are written straight into a SQLite store, repeated
 * under new ids up to {@code --n}; the server's {@link SearchIndex} is rebuilt from it as at
 * start-up; the 300 claims are searched through the server's {@link SearchService} with
 * {@code top_k} 10, query embedding included (HTTP excluded). The lexical index's build time and
 * heap are measured alone beside the whole rebuild.
 */
public final class TextSearchBench {

    /**
     * Most rounds of the 300 claims run to warm up before each measured round, until the JIT is
     * quiet ({@link JitQuiet}); it was one round each.
     */
    private static final int WARM_UP_ROUNDS = 10;

    private TextSearchBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String model = args.text("model", "all-minilm-l6-v2");
        Path cache = Path.of(args.text("cache", "bench/target/embeddings"));
        int n = args.number("n", 100_000);
        SciFact set = SciFact.load(data);
        List<String> sentences = RealSearchBench.sentences(set);
        float[][] vectors = RealSearchBench.embedCached(cache.resolve(model + "-sentences.f32"), model, sentences, "");
        List<String> claims = set.queries.stream().map(SciFact.Query::text).toList();
        System.out.printf("TextSearchBench: %d items (%d SciFact sentences, repeated under new ids), model %s,"
                + " %d claims, top_k 10, %d cores%n", n, sentences.size(), model, claims.size(),
                Runtime.getRuntime().availableProcessors());

        Path dir = Files.createTempDirectory("text-search-bench");
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try (SqliteStore store = SqliteStore.open(dir.resolve("moorcheh.db"))) {
            Namespace namespace = store.createNamespace("bench", NamespaceType.TEXT, null,
                    new EmbeddingSpace(LocalEmbedder.PROVIDER, model), Instant.now());
            for (int from = 0; from < n; from += 5_000) {
                List<Item> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 5_000); i++) {
                    int s = i % sentences.size();
                    batch.add(new Item(String.format("s%06d", i), sentences.get(s), "{}", vectors[s], false));
                }
                store.applyUpload(namespace.id(), "seed-" + java.util.UUID.randomUUID(), batch,
                        Long.MAX_VALUE, Instant.now()).orElseThrow();
            }

            long heapBefore = usedHeap();
            long started = System.nanoTime();
            LexicalIndex alone = new LexicalIndex();
            for (int from = 0; from < n; from += 10_000) {
                List<String> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 10_000); i++) {
                    ids.add(String.format("s%06d", i));
                    texts.add(sentences.get(i % sentences.size()));
                }
                alone.upsert(ids, texts);
            }
            double lexicalSeconds = (System.nanoTime() - started) / 1e9;
            long lexicalHeap = usedHeap() - heapBefore;
            alone.close();
            alone = null;

            heapBefore = usedHeap();
            started = System.nanoTime();
            SearchIndex index = new SearchIndex(store);
            index.rebuild();
            double rebuildSeconds = (System.nanoTime() - started) / 1e9;
            long indexHeap = usedHeap() - heapBefore;
            System.out.printf("  start-up rebuild from SQLite, vectors and words: %.1f s; heap %s (+ %s of vectors"
                    + " off the heap)%n", rebuildSeconds, HeapPeak.mib(indexHeap), HeapPeak.mib(index.vectorBytes()));
            System.out.printf("  of which the lexical index alone: %.1f s to build, heap %s (%.0f bytes per item)%n",
                    lexicalSeconds, HeapPeak.mib(lexicalHeap), (double) lexicalHeap / n);

            try (EmbeddingModels models = new EmbeddingModels(new LocalEmbedder(model), LocalEmbedder::new)) {
                SearchService search = new SearchService(store, index, models, pool, cores, SearchMode.HYBRID);
                long[] embedNanos = new long[claims.size()];
                JitQuiet.Round embedAll = () -> {
                    for (int q = 0; q < claims.size(); q++) {
                        long t = System.nanoTime();
                        models.configured().embedQuery(claims.get(q));
                        embedNanos[q] = System.nanoTime() - t;
                    }
                };
                JitQuiet.Warmed warmed = JitQuiet.warm(embedAll, WARM_UP_ROUNDS);
                embedAll.run();
                System.out.printf("  embedding a claim alone:    %s (warm-up: %s)%n", new Latencies(embedNanos), warmed);
                for (SearchMode mode : SearchMode.values()) {
                    long[] nanos = new long[claims.size()];
                    long[] embedding = new long[claims.size()];
                    long[] scoring = new long[claims.size()];
                    long[] read = new long[claims.size()];
                    JitQuiet.Round searchAll = () -> {
                        for (int q = 0; q < claims.size(); q++) {
                            long t = System.nanoTime();
                            SearchService.Outcome outcome = search.search(new SearchService.Query(claims.get(q), null,
                                    List.of("bench"), 10, null, false, Map.of(), mode), t);
                            nanos[q] = System.nanoTime() - t;
                            embedding[q] = (long) (outcome.timings().get("prepare_vector") * 1e9);
                            scoring[q] = (long) (outcome.timings().get("calculate_distance") * 1e9);
                            read[q] = mode == SearchMode.LEXICAL ? 0 : NamespaceIndex.vectorsReadByLastSearch();
                        }
                    };
                    JitQuiet.Warmed warmedMode = JitQuiet.warm(searchAll, WARM_UP_ROUNDS);
                    searchAll.run();
                    System.out.printf("  %-8s search, top_k 10: %s (of which embedding %s; lists and scores %s)"
                            + " (warm-up: %s)%n", mode.wireName(), new Latencies(nanos), new Latencies(embedding),
                            new Latencies(scoring), warmedMode);
                    if (mode != SearchMode.LEXICAL) {
                        Arrays.sort(read);
                        System.out.printf("           vectors read by the dense list: p50 %d, p99 %d%n",
                                read[read.length / 2], read[read.length * 99 / 100]);
                    }
                }
            }
            index.close();
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf("command: bench/run TextSearchBench --n %d --model %s%n", n, model);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
