package org.openmoorcheh.server.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.filter.ParsedQuery;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.engine.score.Hit;
import org.openmoorcheh.engine.score.HybridScore;
import org.openmoorcheh.engine.score.RelevanceScale;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.ProviderFailedException;
import org.openmoorcheh.server.errors.UnavailableException;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.EmbeddingException;
import org.openmoorcheh.server.providers.EmbeddingModels;
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
 *
 * <p>A text query is matched by meaning, by words or both ({@link SearchMode}); a hybrid search
 * takes the best {@link #HYBRID_DEPTH} of each list per namespace, completes each candidate with the
 * part the other list did not give (its exact cosine, its BM25 score) and ranks by
 * {@link HybridScore}. Whatever the mode, results are sorted by the score they report, so
 * {@code threshold} and the order agree.
 */
public final class SearchService {

    /**
     * A validated search.
     *
     * @param text the text query, or null for a vector query
     * @param vector the vector query, or null for a text query
     * @param threshold the minimum score when {@code kiosk} is true; ignored otherwise
     * @param metadataJson legacy exact-match filter: key → JSON value text (empty for none)
     * @param mode how a text query is matched, or null for the server's default; vector queries are dense
     * @param filter the structured metadata filter, or null for none; ANDed with the other filters
     * @param withSimilarity whether each result reports its exact cosine similarity
     * @param withVectors whether each result carries its stored vector
     */
    public record Query(String text, float[] vector, List<String> namespaces, int topK, Double threshold,
                        boolean kiosk, Map<String, String> metadataJson, SearchMode mode, MetadataFilter filter,
                        boolean withSimilarity, boolean withVectors) {

        /** A query without a structured filter, similarities or vectors. */
        public Query(String text, float[] vector, List<String> namespaces, int topK, Double threshold,
                     boolean kiosk, Map<String, String> metadataJson, SearchMode mode) {
            this(text, vector, namespaces, topK, threshold, kiosk, metadataJson, mode, null, false, false);
        }
    }

    /**
     * One result as the API reports it; {@code score} is rounded to 6 decimals.
     *
     * @param similarity the exact cosine similarity when asked for and known (not in lexical mode), else null
     * @param vector the stored vector when asked for, else null
     */
    public record Result(String id, String namespace, double score, String label, String metadataJson, String text,
                         Double similarity, float[] vector) {
    }

    /** Results in order and the seconds spent in each phase (the documented timing keys). */
    public record Outcome(List<Result> results, Map<String, Double> timings) {
    }

    /**
     * A candidate of one namespace before the merge.
     *
     * @param score the score reported, in [0, 1]; the sort key
     * @param tiebreak the raw measure behind it (cosine or BM25), for scores equal after the scale
     * @param cosine the exact cosine similarity, or NaN where none was computed (lexical mode)
     */
    private record Ranked(int namespaceOrder, Namespace namespace, String id, double score, double tiebreak,
                          double cosine) {
    }

    /** Candidates per namespace and list in a hybrid search: the most results one search returns. */
    static final int HYBRID_DEPTH = 100;

    private final Store store;
    private final SearchIndex index;
    private final EmbeddingModels models;
    private final ExecutorService pool;
    private final int parallelism;
    /** Searches running now on this node. */
    private final AtomicInteger running = new AtomicInteger();
    private final SearchMode defaultMode;

    /**
     * Most filters one search may carry: each becomes one condition of one store query, and SQLite
     * refuses expressions past about 1,000 terms. No real query comes near it.
     */
    public static final int MAX_FILTERS = 100;

    /** @param defaultMode the mode of text queries that name none ({@code MOORCHEH_SEARCH_MODE}) */
    public SearchService(Store store, SearchIndex index, EmbeddingModels models, ExecutorService pool, int parallelism,
                         SearchMode defaultMode) {
        this.defaultMode = defaultMode;
        this.store = store;
        this.index = index;
        this.models = models;
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /** @param startedNanos when the request arrived, so {@code parse_validate} covers reading the body */
    public Outcome search(Query query, long startedNanos) {
        return search(resolve(query), query, startedNanos);
    }

    /**
     * Searches namespaces the caller has already resolved and checked ({@code /answer}); their names
     * in {@code query} are not looked up again.
     */
    public Outcome search(List<Namespace> targets, Query query, long startedNanos) {
        int concurrent = running.incrementAndGet();
        try {
            return search(targets, query, startedNanos, scanThreads(concurrent));
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * Threads for one scan when {@code concurrent} searches run: all of them for a lone search, one
     * when searches already fill the cores. Splitting a scan while every core is busy with another
     * search only adds hand-offs and queueing; the answer is the same either way (the parts are
     * merged in ordinal order).
     */
    int scanThreads(int concurrent) {
        return Math.max(1, parallelism / Math.max(1, concurrent));
    }

    private Outcome search(List<Namespace> targets, Query query, long startedNanos, int scanThreads) {
        // Other nodes may have written since: the index first applies what they committed.
        index.catchUp();
        ParsedQuery filter = query.text() == null ? ParsedQuery.parse("") : ParsedQuery.parse(query.text());
        if (query.text() != null && filter.text().isBlank()) {
            throw new InvalidRequestException("The query has no words to search for besides its #filters.");
        }
        int filters = filter.metadata().size() + filter.keywords().size() + query.metadataJson().size();
        if (filters > MAX_FILTERS) {
            throw new InvalidRequestException("The search has " + filters + " filters (#key:value, #keyword and"
                    + " 'metadata' keys together); at most " + MAX_FILTERS + " are allowed.");
        }
        long validated = System.nanoTime();
        long prepared;

        SearchMode mode = query.vector() != null ? SearchMode.DENSE : query.mode() != null ? query.mode() : defaultMode;
        ItemFilter itemFilter = new ItemFilter(filter.metadata(), query.metadataJson(), filter.keywords());
        Map<Long, Set<String>> admitted = new HashMap<>();
        if (!itemFilter.isEmpty()) {
            for (Namespace namespace : targets) {
                admitted.put(namespace.id(), store.matchingIds(namespace.id(), itemFilter));
            }
        }
        long filtered = System.nanoTime();

        List<Ranked> ranked = new ArrayList<>();
        // One query vector per embedding space: namespaces made with different models are searched
        // each with the query embedded by its own model.
        Map<Long, float[]> vectors = new HashMap<>();
        Map<EmbeddingSpace, float[]> bySpace = new HashMap<>();
        for (Namespace namespace : targets) {
            if (query.vector() != null) {
                vectors.put(namespace.id(), query.vector());
            } else if (mode != SearchMode.LEXICAL) {
                Embedder embedder = models.of(namespace).orElseThrow();
                vectors.put(namespace.id(), bySpace.computeIfAbsent(embedder.space(),
                        space -> embed(embedder, filter.text())));
            }
        }
        prepared = System.nanoTime();

        for (int i = 0; i < targets.size(); i++) {
            Namespace namespace = targets.get(i);
            Set<String> allowed = admitted.get(namespace.id());
            float[] vector = vectors.get(namespace.id());
            switch (mode) {
                case DENSE -> dense(i, namespace, vector, query.topK(), allowed, query.filter(), scanThreads,
                        ranked);
                case LEXICAL -> lexical(i, namespace, filter.text(), query.topK(),
                        passing(namespace, allowed, query.filter()), ranked);
                case HYBRID -> hybrid(i, namespace, vector, filter.text(), query.topK(), allowed, query.filter(),
                        scanThreads, ranked);
            }
        }
        long scored = System.nanoTime();

        ranked.sort(Comparator.comparingDouble(Ranked::score).thenComparingDouble(Ranked::tiebreak).reversed()
                .thenComparingInt(Ranked::namespaceOrder).thenComparing(Ranked::id));
        List<Ranked> kept = new ArrayList<>();
        for (Ranked candidate : ranked) {
            if (query.kiosk() && RelevanceScale.rounded(candidate.score()) < query.threshold()) {
                continue;
            }
            kept.add(candidate);
            if (kept.size() == query.topK()) {
                break;
            }
        }
        long reordered = System.nanoTime();

        List<Result> results = materialize(kept, query.withSimilarity(), query.withVectors());
        long fetched = System.nanoTime();

        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("parse_validate", seconds(startedNanos, validated));
        timings.put("prepare_vector", seconds(filtered, prepared));
        timings.put("fetch_data", seconds(validated, filtered) + seconds(reordered, fetched));
        timings.put("calculate_distance", seconds(prepared, scored));
        // The engine selects candidates and rescores them within its scan call: both are counted above.
        timings.put("select_candidates", 0.0);
        timings.put("calculate_scores", 0.0);
        timings.put("reorder", seconds(scored, reordered));
        timings.put("format_response", 0.0);
        timings.put("total", seconds(startedNanos, System.nanoTime()));
        return new Outcome(results, timings);
    }

    private NamespaceIndex vectorIndex(Namespace namespace, float[] vector) {
        NamespaceIndex namespaceIndex = index.indexFor(namespace.id()).orElse(null);
        if (namespaceIndex != null && namespaceIndex.dimension() != vector.length) {
            throw new InvalidRequestException("Namespace '" + namespace.name() + "' holds vectors of "
                    + namespaceIndex.dimension() + " dimensions; the query has " + vector.length + ".");
        }
        return namespaceIndex;
    }

    /**
     * The ids a lexical list may return: those admitted by the in-query filters (null: all) that
     * also pass the structured filter (null: none). The words index has no metadata: the vector
     * index, which holds every item of the namespace, selects them.
     */
    private Set<String> passing(Namespace namespace, Set<String> admitted, MetadataFilter filter) {
        if (filter == null) {
            return admitted;
        }
        Set<String> passing = new HashSet<>(index.indexFor(namespace.id())
                .map(found -> found.matchingIds(filter)).orElse(List.of()));
        if (admitted != null) {
            passing.retainAll(admitted);
        }
        return passing;
    }

    private void dense(int order, Namespace namespace, float[] vector, int topK, Set<String> admitted,
                       MetadataFilter filter, int scanThreads, List<Ranked> out) {
        NamespaceIndex namespaceIndex = vectorIndex(namespace, vector);
        if (namespaceIndex == null) {
            return;
        }
        for (Hit hit : namespaceIndex.search(vector, topK, admitted, filter, pool, scanThreads)) {
            out.add(new Ranked(order, namespace, hit.id(), hit.score(), hit.cosine(), hit.cosine()));
        }
    }

    private void lexical(int order, Namespace namespace, String text, int topK, Set<String> admitted,
                         List<Ranked> out) {
        LexicalIndex words = index.lexicalFor(namespace.id()).orElse(null);
        if (words == null) {
            return;
        }
        LexicalIndex.Scored scored = words.score(text, topK, admitted, List.of());
        for (LexicalIndex.Match match : scored.best()) {
            out.add(new Ranked(order, namespace, match.id(), HybridScore.lexical(match.score(), scored.ceiling()),
                    match.score(), Double.NaN));
        }
    }

    /**
     * Both lists of {@link #HYBRID_DEPTH}, each candidate completed with what the other list did not
     * give: its exact cosine (every item is in the vector index) and its BM25 score (absent: no word
     * in common). A candidate gone from the vector index was deleted during the search: dropped.
     *
     * <p>The lexical list is scored first (its cosines are needed anyway): once it holds {@code topK}
     * candidates, the dense list needs no item that could not fuse to the {@code topK}-th best of
     * them, even with the highest lexical share an item outside the list can have
     * ({@link HybridScore#cosineFloor}), and the vector index reads fewer candidates; and when the list
     * holds every item sharing a word with the query, the dense list needs no more than {@code topK}
     * beyond it. Of the dense list's own items, only those that could still reach the {@code topK}-th
     * best score known (with that highest share) have their BM25 score looked up; the others are
     * dropped. The answer is the same: every item left out scores below {@code topK} candidates
     * already held.
     *
     * <p>The lexical list is scored on the request's thread after the query is embedded, not beside
     * the embedding: an in-process model runs on every core, and a list scored beside it slowed it
     * by more than the list took (docs/BENCHMARKS.md).
     */
    private void hybrid(int order, Namespace namespace, float[] vector, String text, int topK, Set<String> admitted,
                        MetadataFilter filter, int scanThreads, List<Ranked> out) {
        NamespaceIndex namespaceIndex = vectorIndex(namespace, vector);
        if (namespaceIndex == null) {
            return;
        }
        LexicalIndex words = index.lexicalFor(namespace.id()).orElse(null);
        if (words == null) {
            fuseLists(order, namespace, namespaceIndex, vector, topK, admitted, filter, null, scanThreads, out);
            return;
        }
        // One reader gives the best list, scores the dense-only candidates and gives the ceiling, so the
        // parts agree under writes.
        try (LexicalIndex.Reading reading = words.reading(text)) {
            fuseLists(order, namespace, namespaceIndex, vector, topK, admitted, filter, reading, scanThreads, out);
        }
    }

    /**
     * The lists of {@link #hybrid(int, Namespace, float[], String, int, Set, MetadataFilter, int, List)}
     * and their fusion, the lexical one from {@code reading} (null when the namespace has no words
     * index).
     */
    private void fuseLists(int order, Namespace namespace, NamespaceIndex namespaceIndex, float[] vector, int topK,
                           Set<String> admitted, MetadataFilter filter, LexicalIndex.Reading reading,
                           int scanThreads, List<Ranked> out) {
        int depth = Math.max(topK, HYBRID_DEPTH);
        int denseDepth = depth;
        Map<String, Hit> hits = new HashMap<>();
        Map<String, Float> bm25 = new HashMap<>();
        double ceiling = 0;
        double floor = Double.NEGATIVE_INFINITY;
        // The highest lexical share an item outside the lexical list can have.
        double outsideShare = 0;
        if (reading != null) {
            List<LexicalIndex.Match> best = reading.best(depth, passing(namespace, admitted, filter));
            best.forEach(match -> bm25.put(match.id(), match.score()));
            ceiling = reading.ceiling();
            List<String> named = best.stream().map(LexicalIndex.Match::id).sorted().toList();
            namespaceIndex.exact(vector, named).forEach(hit -> hits.put(hit.id(), hit));
            boolean everyMatch = best.size() < depth;
            outsideShare = everyMatch ? 0 : HybridScore.lexical(best.get(best.size() - 1).score(), ceiling);
            // Under this cosine a dense-only candidate cannot fuse to the topK-th best of the list's.
            double kth = kthKnownScore(hits.values(), bm25, ceiling, topK);
            floor = kth == Double.NEGATIVE_INFINITY ? kth : HybridScore.cosineFloor(kth, outsideShare);
            if (everyMatch) {
                // A list shorter than asked holds every item sharing a word with the query: the others
                // fuse to their dense score alone, so the dense list's first topK + |list| hold the best
                // topK of them.
                denseDepth = Math.min(depth, topK + best.size());
            }
        }
        List<Hit> denseOnly = new ArrayList<>();
        for (Hit hit : namespaceIndex.search(vector, denseDepth, floor, admitted, filter, pool, scanThreads)) {
            if (hits.putIfAbsent(hit.id(), hit) == null) {
                denseOnly.add(hit);
            }
        }
        if (reading != null && outsideShare > 0) {
            // Only a dense-only candidate that can still reach the topK-th best needs its BM25 score
            // (a share of zero: the list holds every item sharing a word, so none has one).
            List<String> contenders = new ArrayList<>();
            double kth = kthKnownScore(hits.values(), bm25, ceiling, topK);
            for (Hit hit : denseOnly) {
                if (HybridScore.fuse(hit.score(), outsideShare) < kth) {
                    hits.remove(hit.id());
                } else {
                    contenders.add(hit.id());
                }
            }
            reading.named(contenders).forEach(match -> bm25.put(match.id(), match.score()));
        }
        for (Hit hit : hits.values()) {
            double lexicalShare = HybridScore.lexical(bm25.getOrDefault(hit.id(), 0f), ceiling);
            out.add(new Ranked(order, namespace, hit.id(), HybridScore.fuse(hit.score(), lexicalShare), hit.cosine(),
                    hit.cosine()));
        }
    }

    /**
     * The {@code topK}-th best of the scores the candidates are known to reach: a lexical item's
     * hybrid score, and a dense-only item's dense score (its lexical share, not yet read, can only
     * raise it). Minus infinity while there are fewer than {@code topK} candidates.
     */
    private static double kthKnownScore(Collection<Hit> candidates, Map<String, Float> bm25, double ceiling,
                                        int topK) {
        if (candidates.size() < topK) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] known = new double[candidates.size()];
        int i = 0;
        for (Hit hit : candidates) {
            Float score = bm25.get(hit.id());
            known[i++] = score == null ? hit.score() : HybridScore.fuse(hit.score(), HybridScore.lexical(score, ceiling));
        }
        Arrays.sort(known);
        return known[known.length - topK];
    }

    private List<Namespace> resolve(Query query) {
        List<Namespace> targets = new ArrayList<>();
        NamespaceType wanted = query.text() != null ? NamespaceType.TEXT : NamespaceType.VECTOR;
        for (String name : query.namespaces()) {
            Namespace namespace = store.findNamespace(name).filter(Namespace::isActive)
                    .orElseThrow(() -> new InvalidRequestException("Namespace '" + name + "' not found."));
            if (namespace.type() != wanted) {
                throw new InvalidRequestException(wanted == NamespaceType.TEXT
                        ? "Namespace '" + name + "' is a vector namespace; search it with a vector query."
                        : "Namespace '" + name + "' is a text namespace; search it with a text query.");
            }
            if (wanted == NamespaceType.TEXT) {
                models.mismatch(namespace).ifPresent(message -> {
                    throw new ConflictException(message);
                });
            }
            if (wanted == NamespaceType.VECTOR && namespace.vectorDimension() != query.vector().length) {
                throw new InvalidRequestException("The query vector has " + query.vector().length
                        + " dimensions; namespace '" + name + "' expects " + namespace.vectorDimension() + ".");
            }
            targets.add(namespace);
        }
        return targets;
    }

    private static float[] embed(Embedder embedder, String text) {
        try {
            return embedder.embedQuery(text);
        } catch (EmbeddingException e) {
            String message = "The query could not be embedded: " + e.getMessage();
            throw e.unavailable() ? new UnavailableException(message, e) : new ProviderFailedException(message, e);
        }
    }

    /**
     * Reads text and metadata (and, when asked, the vectors) of the hits; a hit deleted since the
     * scan is dropped, never returned.
     */
    private List<Result> materialize(List<Ranked> kept, boolean withSimilarity, boolean withVectors) {
        Map<Long, Map<String, TextItem>> items = new HashMap<>();
        Map<Long, List<String>> wanted = new LinkedHashMap<>();
        for (Ranked ranked : kept) {
            wanted.computeIfAbsent(ranked.namespace().id(), id -> new ArrayList<>()).add(ranked.id());
        }
        Map<Long, Map<String, float[]>> vectors = new HashMap<>();
        wanted.forEach((namespaceId, ids) -> {
            Map<String, TextItem> byId = new HashMap<>();
            for (TextItem item : store.describeItems(namespaceId, ids)) {
                byId.put(item.id(), item);
            }
            items.put(namespaceId, byId);
            if (withVectors) {
                vectors.put(namespaceId, index.indexFor(namespaceId).map(found -> found.vectors(ids)).orElse(Map.of()));
            }
        });
        List<Result> results = new ArrayList<>(kept.size());
        for (Ranked ranked : kept) {
            TextItem item = items.get(ranked.namespace().id()).get(ranked.id());
            float[] vector = withVectors ? vectors.get(ranked.namespace().id()).get(ranked.id()) : null;
            if (item == null || withVectors && vector == null) {
                continue;
            }
            double score = RelevanceScale.rounded(ranked.score());
            Double similarity = withSimilarity && !Double.isNaN(ranked.cosine()) ? ranked.cosine() : null;
            results.add(new Result(item.id(), ranked.namespace().name(), score, RelevanceScale.label(score),
                    item.metadataJson(), item.text() == null ? "" : item.text(), similarity, vector));
        }
        return results;
    }

    private static double seconds(long from, long to) {
        return Math.max(0, to - from) / 1e9;
    }
}
