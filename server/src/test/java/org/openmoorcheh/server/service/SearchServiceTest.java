package org.openmoorcheh.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.HybridScore;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * The merge of several namespaces, kiosk mode and the threshold, on a real SQLite store and the real
 * engine, without a server: results are the exact top by score across namespaces, ties to the
 * namespace listed first, then the smaller id; kiosk mode keeps exactly the prefix at or above the
 * threshold.
 */
class SearchServiceTest {

    @TempDir
    Path dir;
    SqliteStore store;
    SearchIndex index;
    ExecutorService pool;
    SearchService search;
    EmbeddingModels models;
    final Map<String, List<float[]>> vectors = new java.util.HashMap<>();

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("moorcheh.db"));
        Random random = new Random(9);
        for (String name : List.of("left", "right")) {
            Namespace namespace = store.createNamespace(name, NamespaceType.VECTOR, 8, Instant.now());
            List<Item> items = new ArrayList<>();
            List<float[]> stored = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                float[] vector = new float[8];
                for (int d = 0; d < 8; d++) {
                    vector[d] = (float) random.nextGaussian();
                }
                // Item 0 is the same vector in both namespaces: a tie across them.
                if (i == 0) {
                    vector = new float[] {1, 0, 0, 0, 0, 0, 0, 0};
                }
                stored.add(vector);
                items.add(new Item(String.format("%s-%03d", name, i), null, "{}", vector, false));
            }
            store.applyUpload(namespace.id(), "seed-" + java.util.UUID.randomUUID(), items,
                    Long.MAX_VALUE, Instant.now()).orElseThrow();
            vectors.put(name, stored);
        }
        index = new SearchIndex(store);
        index.rebuild();
        pool = Executors.newFixedThreadPool(2);
        models = new EmbeddingModels(new LocalEmbedder("all-minilm-l6-v2"), LocalEmbedder::new);
        search = new SearchService(store, index, models, pool, 2, SearchMode.HYBRID);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        models.close();
        index.close();
        store.close();
    }

    private List<SearchService.Result> run(float[] query, List<String> namespaces, int topK, Double threshold,
                                           boolean kiosk) {
        return search.search(new SearchService.Query(null, query, namespaces, topK, threshold, kiosk, Map.of(), null),
                System.nanoTime()).results();
    }

    @Test
    void severalNamespacesMergeIntoTheExactTopByScoreWithTiesToTheFirstListed() {
        float[] query = {1, 0, 0, 0, 0, 0, 0, 0};
        List<SearchService.Result> results = run(query, List.of("right", "left"), 20, null, false);
        assertThat(results).hasSize(20);
        // The tie: the same vector in both, "right" listed first.
        assertThat(results.get(0).id()).isEqualTo("right-000");
        assertThat(results.get(1).id()).isEqualTo("left-000");
        assertThat(results.get(0).score()).isEqualTo(1.0).isEqualTo(results.get(1).score());

        // Against brute force over both namespaces.
        List<double[]> all = new ArrayList<>(); // {namespace order, position, cosine}
        List<String> names = List.of("right", "left");
        for (int n = 0; n < 2; n++) {
            List<float[]> stored = vectors.get(names.get(n));
            for (int i = 0; i < stored.size(); i++) {
                all.add(new double[] {n, i, Cosine.similarity(query, stored.get(i))});
            }
        }
        all.sort((a, b) -> a[2] != b[2] ? Double.compare(b[2], a[2]) : a[0] != b[0] ? Double.compare(a[0], b[0])
                : Double.compare(a[1], b[1]));
        for (int i = 0; i < 20; i++) {
            double[] expected = all.get(i);
            assertThat(results.get(i).id()).as("rank %d", i)
                    .isEqualTo(String.format("%s-%03d", names.get((int) expected[0]), (int) expected[1]));
            assertThat(results.get(i).score()).isEqualTo(RelevanceScale.rounded(RelevanceScale.score(expected[2])));
            assertThat(results.get(i).label()).isEqualTo(RelevanceScale.label(results.get(i).score()));
        }
    }

    @Test
    void kioskModeKeepsExactlyThePrefixAtOrAboveTheThreshold() {
        Random random = new Random(4);
        for (int round = 0; round < 20; round++) {
            float[] query = new float[8];
            for (int d = 0; d < 8; d++) {
                query[d] = (float) random.nextGaussian();
            }
            List<SearchService.Result> all = run(query, List.of("left", "right"), 100, null, false);
            double threshold = all.get(random.nextInt(all.size())).score();
            List<SearchService.Result> kept = run(query, List.of("left", "right"), 100, threshold, true);
            List<SearchService.Result> expected = all.stream().filter(result -> result.score() >= threshold).toList();
            assertThat(kept).isEqualTo(expected);
            // Without kiosk mode the threshold changes nothing (the original's rule).
            assertThat(run(query, List.of("left", "right"), 100, threshold, false)).isEqualTo(all);
        }
    }

    @Test
    void anItemDeletedFromTheIndexIsNeverReturned() {
        float[] query = {1, 0, 0, 0, 0, 0, 0, 0};
        Namespace left = store.findNamespace("left").orElseThrow();
        store.deleteItems(left.id(), List.of("left-000"));
        index.deleted(left.id(), List.of("left-000"));
        assertThat(run(query, List.of("left"), 10, null, false)).extracting(SearchService.Result::id)
                .doesNotContain("left-000").hasSize(10);
    }

    /**
     * A hybrid search against its definition, computed by brute force: the {@code top_k} best by
     * fused score of the exact dense top 100 and the BM25 top 100. The dense list is searched with a
     * floor taken from the lexical list's scores, or (when that list holds every match) only as deep
     * as needed: fewer vectors are read than for a dense top 100, and the answer must not change.
     */
    @Test
    void aHybridSearchGivesTheAnswerOfBothFullListsWhileReadingFewerVectors() {
        String model = "all-minilm-l6-v2";
        Namespace namespace = store.createNamespace("words", NamespaceType.TEXT, null,
                new EmbeddingSpace(LocalEmbedder.PROVIDER, model), Instant.now());
        // The last query's words are in 30 items only, whatever their meaning: its lexical list holds
        // every match, and most of its answer comes from the dense list.
        List<String> queries = List.of("w1 w2 w3", "w4 w7", "w10 w11 w12 w13", "w98 w99");
        float[][] queryVectors = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            queryVectors[q] = models.configured().embedQuery(queries.get(q));
        }
        Random random = new Random(21);
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<float[]> stored = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Near one of the queries, at a cosine spread over [0, 0.9]; the closer, the likelier to
            // hold that query's words (as relevant texts do), the rest words no query has.
            int near = random.nextInt(queries.size());
            float[] centre = queryVectors[near];
            double closeness = 0.9 * random.nextDouble();
            List<String> wordsOfText = new ArrayList<>();
            for (String word : queries.get(near).split(" ")) {
                if (near < 3 && random.nextDouble() < closeness * closeness) {
                    wordsOfText.add(word);
                }
            }
            if (i % 100 == 0) {
                wordsOfText.add(i % 200 == 0 ? "w98" : "w99");
            }
            while (wordsOfText.size() < 6) {
                wordsOfText.add("w" + (40 + random.nextInt(40)));
            }
            String text = String.join(" ", wordsOfText);
            float[] vector = new float[centre.length];
            double weight = closeness / Math.sqrt(1 - closeness * closeness) / Math.sqrt(Cosine.dot(centre, centre));
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) (random.nextGaussian() / Math.sqrt(vector.length) + weight * centre[d]);
            }
            String id = String.format("t%04d", i);
            ids.add(id);
            texts.add(text);
            stored.add(vector);
            items.add(new Item(id, text, "{}", vector, false));
        }
        store.applyUpload(namespace.id(), "seed-words", items, Long.MAX_VALUE, Instant.now()).orElseThrow();
        index.rebuild();

        try (LexicalIndex words = new LexicalIndex()) {
            words.upsert(ids, texts);
            for (int q = 0; q < queries.size(); q++) {
                String text = queries.get(q);
                float[] vector = queryVectors[q];
                Map<String, Double> cosines = new java.util.HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    cosines.put(ids.get(i), Cosine.similarity(vector, stored.get(i)));
                }
                Set<String> candidates = new java.util.HashSet<>(ids.stream()
                        .sorted(Comparator.<String>comparingDouble(cosines::get).reversed()).limit(100).toList());
                List<LexicalIndex.Match> lexical = words.search(text, 100, null);
                assertThat(lexical).as(text).hasSize(q < 3 ? 100 : 30);
                lexical.forEach(match -> candidates.add(match.id()));
                Map<String, Float> bm25 = new java.util.HashMap<>();
                words.scoresOf(text, candidates).forEach(match -> bm25.put(match.id(), match.score()));
                double ceiling = words.ceiling(text);
                Map<String, Double> fused = new java.util.HashMap<>();
                candidates.forEach(id -> fused.put(id, HybridScore.fuse(RelevanceScale.score(cosines.get(id)),
                        HybridScore.lexical(bm25.getOrDefault(id, 0f), ceiling))));
                List<String> expected = candidates.stream().sorted(Comparator.<String>comparingDouble(fused::get)
                        .thenComparingDouble(cosines::get).reversed().thenComparing(Comparator.naturalOrder()))
                        .limit(10).toList();

                search.search(new SearchService.Query(text, null, List.of("words"), 100, null, false, Map.of(),
                        SearchMode.DENSE), System.nanoTime());
                int denseRead = NamespaceIndex.vectorsReadByLastSearch();
                List<SearchService.Result> results = search.search(new SearchService.Query(text, null,
                        List.of("words"), 10, null, false, Map.of(), SearchMode.HYBRID), System.nanoTime()).results();
                int hybridRead = NamespaceIndex.vectorsReadByLastSearch();

                assertThat(results).extracting(SearchService.Result::id).as(text).containsExactlyElementsOf(expected);
                for (int r = 0; r < results.size(); r++) {
                    assertThat(results.get(r).score()).as(text + ", rank " + r)
                            .isCloseTo(RelevanceScale.rounded(fused.get(expected.get(r))), within(1e-6));
                }
                assertThat(hybridRead).as(text).isLessThan(denseRead * 3 / 4);
            }
        }
    }
}
