package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.api.FilterRequest;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * What a structured {@code filter} costs a search: clustered vectors (as SearchBench's) with
 * metadata, searched through the server's {@link SearchService} (HTTP excluded) with {@code top_k}
 * 10, unfiltered and with filters that pass 50%, 5% and 0.1% of the items, in one run; beside them
 * the older {@code metadata} equality filter, which the store evaluates in SQL. Each item's
 * {@code bucket} (0-999) is drawn independently of its cluster, so a filter keeps the data's shape.
 */
public final class FilterBench {

    private FilterBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        int n = args.number("n", 100_000);
        int dim = args.number("dim", 384);
        int clusters = args.number("clusters", 1_000);
        int queries = args.number("queries", 300);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("FilterBench: %d x %d-d vectors in %d clusters, %d queries, top_k 10, %d cores%n", n, dim,
                clusters, queries, cores);
        Random random = new Random(42);
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(random, dim, 1.0f, null);
        }
        Path dir = Files.createTempDirectory("filter-bench");
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        ObjectMapper mapper = new ObjectMapper();
        String[] genres = {"drama", "crime", "comedy", "horror", "news"};
        try (SqliteStore store = SqliteStore.open(dir.resolve("moorcheh.db"))) {
            Namespace namespace = store.createNamespace("bench", NamespaceType.VECTOR, dim, null, Instant.now());
            for (int from = 0; from < n; from += 5_000) {
                List<Item> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 5_000); i++) {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("bucket", random.nextInt(1_000));
                    metadata.put("year", 1990 + random.nextInt(35));
                    metadata.put("genre", genres[random.nextInt(genres.length)]);
                    metadata.put("draft", random.nextInt(10) == 0);
                    batch.add(new Item(String.format("v%07d", i), null, mapper.writeValueAsString(metadata),
                            gaussian(random, dim, 0.35f, centres[random.nextInt(clusters)]), false));
                }
                store.applyUpload(namespace.id(), "seed-" + java.util.UUID.randomUUID(), batch, Long.MAX_VALUE,
                        Instant.now()).orElseThrow();
            }
            long heapBefore = usedHeap();
            SearchIndex index = new SearchIndex(store);
            index.rebuild();
            long withTable = usedHeap() - heapBefore;
            System.out.printf("  index heap after rebuild: %s (codes %s; the rest: ids, norms and the metadata columns,"
                    + " four fields per item)%n", HeapPeak.mib(withTable), HeapPeak.mib(index.codeBytes()));

            float[][] probes = new float[queries][];
            for (int q = 0; q < queries; q++) {
                probes[q] = gaussian(random, dim, 0.35f, centres[random.nextInt(clusters)]);
            }
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("unfiltered", null);
            filters.put("50%   {\"bucket\":{\"$lt\":500}}", "{\"bucket\":{\"$lt\":500}}");
            filters.put("5%    {\"bucket\":{\"$lt\":50}}", "{\"bucket\":{\"$lt\":50}}");
            filters.put("0.1%  {\"bucket\":7}", "{\"bucket\":7}");
            filters.put("~10%  $and of year >= 2015, genre $in 2 of 5, $not draft",
                    "{\"$and\":[{\"year\":{\"$gte\":2015}},{\"genre\":{\"$in\":[\"drama\",\"crime\"]}},"
                    + "{\"$not\":{\"draft\":true}}]}");
            try (EmbeddingModels models = new EmbeddingModels(new LocalEmbedder("all-minilm-l6-v2"),
                    LocalEmbedder::new)) {
                SearchService search = new SearchService(store, index, models, pool, cores, SearchMode.DENSE);
                for (var entry : filters.entrySet()) {
                    MetadataFilter filter = entry.getValue() == null ? null
                            : FilterRequest.from(mapper.readTree(entry.getValue()), "filter");
                    System.out.printf("  %-58s %s%n", entry.getKey(), run(search, probes, filter, Map.of()));
                }
                // The older exact-match 'metadata' filter, evaluated by the store in SQL, for comparison.
                System.out.printf("  %-58s %s%n", "0.1%  legacy 'metadata': {\"bucket\": 7} (SQL)",
                        run(search, probes, null, Map.of("bucket", "7")));
            }
            index.close();
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf("command: bench/run FilterBench --n %d --dim %d --clusters %d --queries %d%n", n, dim,
                clusters, queries);
    }

    private static String run(SearchService search, float[][] probes, MetadataFilter filter,
                              Map<String, String> legacy) {
        long[] nanos = new long[probes.length];
        int results = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            results = 0;
            for (int q = 0; q < probes.length; q++) {
                long t = System.nanoTime();
                results += search.search(new SearchService.Query(null, probes[q], List.of("bench"), 10, null, false,
                        legacy, null, filter, false, false), t).results().size();
                nanos[q] = System.nanoTime() - t;
            }
        }
        return new Latencies(nanos) + String.format(" (%.1f hits per query)", (double) results / probes.length);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static float[] gaussian(Random random, int dim, float scale, float[] centre) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (centre == null ? 0 : centre[d]) + scale * (float) random.nextGaussian();
        }
        return v;
    }
}
