package org.openmoorcheh.server.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.openmoorcheh.engine.filter.QueryFilter;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.server.api.ApiException;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.EmbeddingException;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.ItemFilter;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.TextItem;

/**
 * {@code POST /search}: resolves the namespaces, parses in-query filters, embeds a text query,
 * runs the engine on each namespace, merges by score, applies the kiosk threshold and reads the text
 * and metadata of the final hits. Every client mistake is a 400 (the search envelope, spec 2.17).
 */
public final class SearchService {

    /**
     * A validated search.
     *
     * @param text the text query, or null for a vector query
     * @param vector the vector query, or null for a text query
     * @param threshold the minimum score when {@code kiosk} is true; ignored otherwise
     * @param metadataJson legacy exact-match filter: key → JSON value text (empty for none)
     */
    public record Query(String text, float[] vector, List<String> namespaces, int topK, Double threshold,
                        boolean kiosk, Map<String, String> metadataJson) {
    }

    /** One result as the API reports it; {@code score} is rounded to 6 decimals. */
    public record Result(String id, String namespace, double score, String label, String metadataJson, String text) {
    }

    /** Results in order and the seconds spent in each phase (the documented timing keys). */
    public record Outcome(List<Result> results, Map<String, Double> timings) {
    }

    private record Ranked(int namespaceOrder, Namespace namespace, Hit hit) {
    }

    private final Store store;
    private final SearchIndex index;
    private final Embedder embedder;
    private final EmbeddingSpace space;
    private final ExecutorService pool;
    private final int parallelism;

    /**
     * Most filters one search may carry: each becomes one condition of one store query, and SQLite
     * refuses expressions past about 1,000 terms. No real query comes near it.
     */
    public static final int MAX_FILTERS = 100;

    public SearchService(Store store, SearchIndex index, Embedder embedder, ExecutorService pool, int parallelism) {
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.space = embedder.space();
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /** @param startedNanos when the request arrived, so {@code parse_validate} covers reading the body */
    public Outcome search(Query query, long startedNanos) {
        List<Namespace> targets = resolve(query);
        QueryFilter filter = query.text() == null ? QueryFilter.parse("") : QueryFilter.parse(query.text());
        if (query.text() != null && filter.text().isBlank()) {
            throw ApiException.badRequest("The query has no words to search for besides its #filters.");
        }
        int filters = filter.metadata().size() + filter.keywords().size() + query.metadataJson().size();
        if (filters > MAX_FILTERS) {
            throw ApiException.badRequest("The search has " + filters + " filters (#key:value, #keyword and"
                    + " 'metadata' keys together); at most " + MAX_FILTERS + " are allowed.");
        }
        long validated = System.nanoTime();

        float[] vector = query.vector() != null ? query.vector() : embed(filter.text());
        long prepared = System.nanoTime();

        ItemFilter itemFilter = new ItemFilter(filter.metadata(), query.metadataJson(), filter.keywords());
        Map<Long, Set<String>> admitted = new HashMap<>();
        if (!itemFilter.isEmpty()) {
            for (Namespace namespace : targets) {
                admitted.put(namespace.id(), store.matchingIds(namespace.id(), itemFilter));
            }
        }
        long filtered = System.nanoTime();

        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Namespace namespace = targets.get(i);
            NamespaceIndex namespaceIndex = index.indexFor(namespace.id()).orElse(null);
            if (namespaceIndex == null) {
                continue;
            }
            if (namespaceIndex.dimension() != vector.length) {
                throw ApiException.badRequest("Namespace '" + namespace.name() + "' holds vectors of "
                        + namespaceIndex.dimension() + " dimensions; the query has " + vector.length + ".");
            }
            for (Hit hit : namespaceIndex.search(vector, query.topK(), admitted.get(namespace.id()), pool, parallelism)) {
                ranked.add(new Ranked(i, namespace, hit));
            }
        }
        long scored = System.nanoTime();

        ranked.sort(Comparator.comparingDouble((Ranked r) -> r.hit().cosine()).reversed()
                .thenComparingInt(Ranked::namespaceOrder).thenComparing(r -> r.hit().id()));
        List<Ranked> kept = new ArrayList<>();
        for (Ranked candidate : ranked) {
            if (query.kiosk() && RelevanceScale.rounded(candidate.hit().score()) < query.threshold()) {
                continue;
            }
            kept.add(candidate);
            if (kept.size() == query.topK()) {
                break;
            }
        }
        long reordered = System.nanoTime();

        List<Result> results = materialize(kept);
        long fetched = System.nanoTime();

        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("parse_validate", seconds(startedNanos, validated));
        timings.put("prepare_vector", seconds(validated, prepared));
        timings.put("fetch_data", seconds(prepared, filtered) + seconds(reordered, fetched));
        timings.put("calculate_distance", seconds(filtered, scored));
        // The engine selects candidates and rescores them within its scan call: both are counted above.
        timings.put("select_candidates", 0.0);
        timings.put("calculate_scores", 0.0);
        timings.put("reorder", seconds(scored, reordered));
        timings.put("format_response", 0.0);
        timings.put("total", seconds(startedNanos, System.nanoTime()));
        return new Outcome(results, timings);
    }

    private List<Namespace> resolve(Query query) {
        List<Namespace> targets = new ArrayList<>();
        NamespaceType wanted = query.text() != null ? NamespaceType.TEXT : NamespaceType.VECTOR;
        for (String name : query.namespaces()) {
            Namespace namespace = store.findNamespace(name).filter(Namespace::isActive)
                    .orElseThrow(() -> ApiException.badRequest("Namespace '" + name + "' not found."));
            if (namespace.type() != wanted) {
                throw ApiException.badRequest(wanted == NamespaceType.TEXT
                        ? "Namespace '" + name + "' is a vector namespace; search it with a vector query."
                        : "Namespace '" + name + "' is a text namespace; search it with a text query.");
            }
            if (wanted == NamespaceType.TEXT) {
                NamespaceService.requireSpace(namespace, space);
            }
            if (wanted == NamespaceType.VECTOR && namespace.vectorDimension() != query.vector().length) {
                throw ApiException.badRequest("The query vector has " + query.vector().length
                        + " dimensions; namespace '" + name + "' expects " + namespace.vectorDimension() + ".");
            }
            targets.add(namespace);
        }
        return targets;
    }

    private float[] embed(String text) {
        try {
            return embedder.embedQuery(text);
        } catch (EmbeddingException e) {
            throw new ApiException(e.httpStatus(), "The query could not be embedded: " + e.getMessage());
        }
    }

    /** Reads text and metadata of the hits; a hit deleted since the scan is dropped, never returned. */
    private List<Result> materialize(List<Ranked> kept) {
        Map<Long, Map<String, TextItem>> items = new HashMap<>();
        Map<Long, List<String>> wanted = new LinkedHashMap<>();
        for (Ranked ranked : kept) {
            wanted.computeIfAbsent(ranked.namespace().id(), id -> new ArrayList<>()).add(ranked.hit().id());
        }
        wanted.forEach((namespaceId, ids) -> {
            Map<String, TextItem> byId = new HashMap<>();
            for (TextItem item : store.describeItems(namespaceId, ids)) {
                byId.put(item.id(), item);
            }
            items.put(namespaceId, byId);
        });
        List<Result> results = new ArrayList<>(kept.size());
        for (Ranked ranked : kept) {
            TextItem item = items.get(ranked.namespace().id()).get(ranked.hit().id());
            if (item == null) {
                continue;
            }
            double score = RelevanceScale.rounded(ranked.hit().score());
            results.add(new Result(item.id(), ranked.namespace().name(), score, RelevanceScale.label(score),
                    item.metadataJson(), item.text() == null ? "" : item.text()));
        }
        return results;
    }

    private static double seconds(long from, long to) {
        return Math.max(0, to - from) / 1e9;
    }
}
