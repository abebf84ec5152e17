package org.openmoorcheh.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.LocalEmbedder;
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
        search = new SearchService(store, index, new EmbeddingModels(new LocalEmbedder("all-minilm-l6-v2"),
                LocalEmbedder::new), pool, 2, SearchMode.HYBRID);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
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
}
