package org.openmoorcheh.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureNotEmpty;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.openmoorcheh.client.Items;
import org.openmoorcheh.client.MoorchehClient;
import org.openmoorcheh.client.model.SearchRequest;
import org.openmoorcheh.client.model.SearchResponse;
import org.openmoorcheh.client.model.UploadJob;
import org.openmoorcheh.client.model.VectorItem;

/**
 * A LangChain4j {@link EmbeddingStore} on one vector namespace of an Open Moorcheh server.
 * <pre>{@code
 * EmbeddingStore<TextSegment> store = MoorchehEmbeddingStore.builder()
 *         .baseUrl("http://localhost:8080").apiKey(key).namespace("docs").dimension(384).build();
 * }</pre>
 * <ul>
 *   <li>Each embedding is an item of the namespace; a segment's text is kept in the item's metadata
 *       under {@value #DEFAULT_TEXT_KEY}, its metadata
 *       beside it, so filters see the segment's own keys.</li>
 *   <li>{@code add*} return once the items are stored and searchable.</li>
 *   <li>{@code search} ranks by cosine similarity; a match's score is {@code (cosine + 1) / 2}, as
 *       LangChain4j's stores report it, and {@code minScore} keeps matches at or above it. The
 *       server returns at most {@value #MAX_RESULTS} matches per search; larger
 *       {@code maxResults} are answered with that many.</li>
 *   <li>Filters are evaluated by the server (its structured filter); every LangChain4j comparison
 *       and logical filter is supported.</li>
 * </ul>
 */
public final class MoorchehEmbeddingStore implements EmbeddingStore<TextSegment> {

    /** The metadata key that holds a segment's text, unless the builder names another. */
    public static final String DEFAULT_TEXT_KEY = "text_segment";
    /** The most matches one search returns (the server's {@code top_k} limit). */
    public static final int MAX_RESULTS = 100;
    /** Items per upload call. */
    private static final int BATCH = 500;

    private final MoorchehClient client;
    private final String namespace;
    private final String textKey;
    private final Duration timeout;

    private MoorchehEmbeddingStore(Builder builder) {
        this.client = MoorchehClient.builder(Objects.requireNonNull(builder.baseUrl, "baseUrl"))
                .apiKey(builder.apiKey).timeout(builder.timeout).build();
        this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
        this.textKey = builder.textKey;
        this.timeout = builder.timeout;
        client.namespaces().ensureVector(namespace, builder.dimension, builder.createNamespace);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The namespace this store writes to and searches. */
    public String namespace() {
        return namespace;
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment textSegment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), textSegment == null ? null : List.of(textSegment));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        if (ids == null || embeddings == null || ids.isEmpty()) {
            return;
        }
        if (ids.size() != embeddings.size() || embedded != null && embedded.size() != embeddings.size()) {
            throw new IllegalArgumentException("ids, embeddings and embedded must have the same size");
        }
        List<VectorItem> items = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            TextSegment segment = embedded == null ? null : embedded.get(i);
            items.add(new VectorItem(ids.get(i), embeddings.get(i).vector(), metadataOf(segment)));
        }
        for (int from = 0; from < items.size(); from += BATCH) {
            UploadJob job = client.vectors().uploadAndWait(namespace,
                    items.subList(from, Math.min(items.size(), from + BATCH)), timeout);
            if (job.failed() > 0) {
                throw new IllegalStateException("the server could not store " + job.failed() + " of "
                        + job.total() + " embeddings: " + job.lastError());
            }
        }
    }

    private Map<String, Object> metadataOf(TextSegment segment) {
        if (segment == null) {
            return Map.of();
        }
        Map<String, Object> metadata = new HashMap<>();
        segment.metadata().toMap().forEach((key, value) ->
                metadata.put(key, value instanceof UUID ? value.toString() : value));
        metadata.put(textKey, segment.text());
        return metadata;
    }

    @Override
    public void removeAll(Collection<String> ids) {
        ensureNotEmpty(ids, "ids");
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += Items.MAX_IDS) {
            client.vectors().delete(namespace,
                    all.subList(from, Math.min(all.size(), from + Items.MAX_IDS)));
        }
    }

    @Override
    public void removeAll(Filter filter) {
        ensureNotNull(filter, "filter");
        client.vectors().deleteMatching(namespace, FilterMapper.toJson(filter));
    }

    @Override
    public void removeAll() {
        client.vectors().deleteAll(namespace);
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        SearchRequest search = SearchRequest.vector(request.queryEmbedding().vector(), namespace)
                .topK(Math.min(MAX_RESULTS, request.maxResults())).withSimilarity().withVectors();
        if (request.filter() != null) {
            search = search.filter(FilterMapper.toJson(request.filter()));
        }
        SearchResponse response = client.search(search);
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        for (SearchResponse.Hit hit : response.results()) {
            double score = RelevanceScore.fromCosineSimilarity(hit.similarity());
            if (score < request.minScore()) {
                continue;
            }
            matches.add(new EmbeddingMatch<>(score, hit.id(), Embedding.from(hit.vector()), segmentOf(hit.metadata())));
        }
        return new EmbeddingSearchResult<>(matches);
    }

    /** The segment stored with an item, or null when it was added without one. */
    private TextSegment segmentOf(Map<String, Object> stored) {
        if (stored == null || !(stored.get(textKey) instanceof String text)) {
            return null;
        }
        Map<String, Object> metadata = new HashMap<>();
        stored.forEach((key, value) -> {
            if (!key.equals(textKey) && value != null) {
                metadata.put(key, metadataValue(value));
            }
        });
        return TextSegment.from(text, Metadata.from(metadata));
    }

    /**
     * LangChain4j metadata holds strings, UUIDs, ints, longs, floats and doubles; anything else
     * another client stored (booleans, lists, objects, numbers beyond a long) comes back as its text.
     */
    private static Object metadataValue(Object value) {
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return value.toString();
    }

    /** Settings of a {@link MoorchehEmbeddingStore}; {@code baseUrl} and {@code namespace} are required. */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private String namespace;
        private Integer dimension;
        private boolean createNamespace = true;
        private String textKey = DEFAULT_TEXT_KEY;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The server, e.g. {@code http://localhost:8080}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** An API key with the write role, when the server has keys on. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** The embeddings' dimension: needed to create the namespace, checked against an existing one. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Whether a missing namespace is created (the default); when false, it must exist. */
        public Builder createNamespace(boolean createNamespace) {
            this.createNamespace = createNamespace;
            return this;
        }

        /** The metadata key that holds a segment's text (text_segment by default). */
        public Builder textKey(String textKey) {
            this.textKey = Objects.requireNonNull(textKey, "textKey");
            return this;
        }

        /** The longest wait for one call, and for an upload to be stored. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public MoorchehEmbeddingStore build() {
            return new MoorchehEmbeddingStore(this);
        }
    }
}
