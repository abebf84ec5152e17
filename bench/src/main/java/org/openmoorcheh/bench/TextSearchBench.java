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
 *
 * <p>Each part (the embedding alone, then each mode) is measured over {@code --rounds} rounds of the
 * claims, the parts taking turns, and reported two ways: over every search, and per claim (each
 * claim's median over the rounds, then p50 and p99 across the claims). One round gave a p99 that was
 * the third slowest of 300 searches, moved by whichever minutes the host was slow in; the per-claim
 * figures show what the claims themselves cost. Beside them: the bytes each search allocates on the
 * calling thread, and the collections that ran during the measured rounds (a young collection's
 * pause, 2-7 ms here, lands on one search: 15 of them would fill the 1% tail of 1,500 searches).
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
        int rounds = args.number("rounds", 5);
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
                Timed embedded = new Timed("embedding a claim alone:", rounds, claims.size());
                List<Timed> modes = new ArrayList<>();
                for (SearchMode mode : SearchMode.values()) {
                    String label = String.format("%-8s search, top_k 10:", mode.wireName());
                    modes.add(new Timed(label, rounds, claims.size()));
                }
                // Each part is warmed until the JIT is quiet, then all are measured round by round,
                // one after the other, so that the host's slow and fast minutes fall on every part alike.
                String warmedEmbedding = JitQuiet.warm(() -> embedAll(models, claims, embedded, 0), WARM_UP_ROUNDS)
                        .toString();
                List<String> warmedModes = new ArrayList<>();
                for (SearchMode mode : SearchMode.values()) {
                    Timed timed = modes.get(mode.ordinal());
                    warmedModes.add(JitQuiet.warm(() -> searchAll(search, claims, mode, timed, 0), WARM_UP_ROUNDS)
                            .toString());
                }
                GcActivity beforeRounds = GcActivity.now();
                for (int round = 0; round < rounds; round++) {
                    embedAll(models, claims, embedded, round);
                    for (SearchMode mode : SearchMode.values()) {
                        searchAll(search, claims, mode, modes.get(mode.ordinal()), round);
                    }
                }
                String collected = GcActivity.now().since(beforeRounds);
                System.out.printf("  %d measured rounds of the %d claims, the parts in turn; \"per claim\": the"
                        + " claim's median over the rounds, which the host's passing noise hardly moves%n",
                        rounds, claims.size());
                System.out.printf("  garbage collections during the measured rounds: %s (each pause falls on a"
                        + " search or an embedding)%n", collected);
                System.out.printf("  %s (warm-up: %s)%n", embedded.line(), warmedEmbedding);
                for (SearchMode mode : SearchMode.values()) {
                    Timed timed = modes.get(mode.ordinal());
                    System.out.printf("  %s (warm-up: %s)%n", timed.line(), warmedModes.get(mode.ordinal()));
                    if (mode != SearchMode.LEXICAL) {
                        System.out.printf("           of which embedding %s; lists and scores %s%n",
                                new Latencies(timed.flat(timed.embedding)), new Latencies(timed.flat(timed.scoring)));
                        System.out.printf("           vectors read by the dense list: %s%n",
                                Latencies.counts(timed.read));
                    }
                }
                Timed hybrid = modes.get(SearchMode.HYBRID.ordinal());
                System.out.printf("  hybrid p50 over the embedding alone: %.2f ms (over its own embedding: %.2f ms)%n",
                        hybrid.all().percentileMillis(50) - embedded.all().percentileMillis(50),
                        hybrid.all().percentileMillis(50)
                                - new Latencies(hybrid.flat(hybrid.embedding)).percentileMillis(50));
            }
            index.close();
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf("command: bench/run TextSearchBench --n %d --model %s --rounds %d%n", n, model, rounds);
    }

    private static void embedAll(EmbeddingModels models, List<String> claims, Timed timed, int round) {
        long allocated = GcActivity.allocatedByThisThread();
        for (int q = 0; q < claims.size(); q++) {
            long t = System.nanoTime();
            models.configured().embedQuery(claims.get(q));
            timed.nanos[round][q] = System.nanoTime() - t;
        }
        timed.allocated[round] = GcActivity.allocatedByThisThread() - allocated;
    }

    private static void searchAll(SearchService search, List<String> claims, SearchMode mode, Timed timed, int round) {
        long allocated = GcActivity.allocatedByThisThread();
        for (int q = 0; q < claims.size(); q++) {
            long t = System.nanoTime();
            SearchService.Outcome outcome = search.search(new SearchService.Query(claims.get(q), null,
                    List.of("bench"), 10, null, false, Map.of(), mode), t);
            timed.nanos[round][q] = System.nanoTime() - t;
            timed.embedding[round][q] = (long) (outcome.timings().get("prepare_vector") * 1e9);
            timed.scoring[round][q] = (long) (outcome.timings().get("calculate_distance") * 1e9);
            timed.read[q] = mode == SearchMode.LEXICAL ? 0 : NamespaceIndex.vectorsReadByLastSearch();
        }
        timed.allocated[round] = GcActivity.allocatedByThisThread() - allocated;
    }

    /** One measured part: each round's time per claim, and what the searches reported of theirs. */
    private static final class Timed {
        final String label;
        final long[][] nanos;
        final long[][] embedding;
        final long[][] scoring;
        /** Vectors the dense list read per claim (the same every round: the search is deterministic). */
        final int[] read;
        /** Bytes allocated by the calling thread in each round (not by the pool's scan threads). */
        final long[] allocated;

        Timed(String label, int rounds, int claims) {
            this.label = label;
            this.nanos = new long[rounds][claims];
            this.embedding = new long[rounds][claims];
            this.scoring = new long[rounds][claims];
            this.read = new int[claims];
            this.allocated = new long[rounds];
        }

        Latencies all() {
            return new Latencies(flat(nanos));
        }

        long[] flat(long[][] perRound) {
            return Arrays.stream(perRound).flatMapToLong(Arrays::stream).toArray();
        }

        /** Each claim's median over the rounds. */
        Latencies perClaim() {
            long[] medians = new long[nanos[0].length];
            long[] claim = new long[nanos.length];
            for (int q = 0; q < medians.length; q++) {
                for (int r = 0; r < nanos.length; r++) {
                    claim[r] = nanos[r][q];
                }
                Arrays.sort(claim);
                medians[q] = claim[(claim.length - 1) / 2];
            }
            return new Latencies(medians);
        }

        String line() {
            Latencies all = all();
            Latencies perClaim = perClaim();
            return String.format("%-28s %s (p99 %.2f x p50); per claim %s (%.2f x); %.0f KB allocated each", label,
                    all, all.percentileMillis(99) / all.percentileMillis(50), perClaim,
                    perClaim.percentileMillis(99) / perClaim.percentileMillis(50),
                    Arrays.stream(allocated).sum() / 1024.0 / nanos.length / nanos[0].length);
        }
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
