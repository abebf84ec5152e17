package org.openmoorcheh.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openmoorcheh.client.Items;
import org.openmoorcheh.client.MoorchehClient;
import org.openmoorcheh.client.model.SearchRequest;
import org.openmoorcheh.client.model.SearchResponse;
import org.openmoorcheh.client.model.UploadJob;
import org.openmoorcheh.client.model.VectorItem;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@code VectorStore} on one vector namespace of an Open Moorcheh server. Documents are
 * embedded here with the application's {@link EmbeddingModel} (as Spring AI's other stores do) and
 * stored as items: the document's text in the item's metadata under {@value #TEXT_KEY}, its
 * metadata beside it, so filter expressions see the document's own keys.
 * <ul>
 *   <li>{@code similaritySearch} ranks by cosine similarity; a document's score is the cosine and its
 *       {@code distance} metadata {@code 1 - cosine}, as in Spring AI's {@code SimpleVectorStore};
 *       {@code similarityThreshold} keeps scores at or above it. At most {@value #MAX_RESULTS}
 *       documents per search (the server's {@code top_k} limit).</li>
 *   <li>Filter expressions, built or in text form, are evaluated by the server; a key a document
 *       lacks satisfies no comparison (see docs/API-NOTES.md "Structured filters").</li>
 *   <li>{@code add} returns once the documents are stored and searchable.</li>
 * </ul>
 */
public class MoorchehVectorStore extends AbstractObservationVectorStore {

    /** The metadata key that holds a document's text. */
    public static final String TEXT_KEY = "text_segment";
    /** The most documents one search returns. */
    public static final int MAX_RESULTS = 100;
    private static final int BATCH = 500;

    private final MoorchehClient client;
    private final String namespace;
    private final Duration timeout;
    private final int dimension;

    protected MoorchehVectorStore(Builder builder) {
        super(builder);
        this.client = MoorchehClient.builder(Objects.requireNonNull(builder.baseUrl, "baseUrl"))
                .apiKey(builder.apiKey).timeout(builder.timeout).build();
        this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
        this.timeout = builder.timeout;
        this.dimension = builder.dimension != null ? builder.dimension : embeddingModel.dimensions();
        client.namespaces().ensureVector(namespace, dimension, builder.initializeSchema);
    }

    public static Builder builder(EmbeddingModel embeddingModel) {
        return new Builder(embeddingModel);
    }

    /** The namespace this store writes to and searches. */
    public String namespace() {
        return namespace;
    }

    @Override
    public void doAdd(List<Document> documents) {
        Objects.requireNonNull(documents, "documents");
        List<float[]> embeddings = embeddingModel.embed(documents, EmbeddingOptions.builder().build(),
                batchingStrategy);
        List<VectorItem> items = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            Map<String, Object> metadata = new HashMap<>(document.getMetadata());
            metadata.put(TEXT_KEY, document.getText());
            items.add(new VectorItem(document.getId(), embeddings.get(i), metadata));
        }
        for (int from = 0; from < items.size(); from += BATCH) {
            UploadJob job = client.vectors().uploadAndWait(namespace,
                    items.subList(from, Math.min(items.size(), from + BATCH)), timeout);
            if (job.failed() > 0) {
                throw new IllegalStateException("the server could not store " + job.failed() + " of " + job.total()
                        + " documents: " + job.lastError());
            }
        }
    }

    @Override
    public void doDelete(List<String> ids) {
        for (int from = 0; from < ids.size(); from += Items.MAX_IDS) {
            client.vectors().delete(namespace, ids.subList(from, Math.min(ids.size(), from + Items.MAX_IDS)));
        }
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        Objects.requireNonNull(filterExpression, "filterExpression");
        client.vectors().deleteMatching(namespace, FilterExpressions.toJson(filterExpression));
    }

    @Override
    public List<Document> doSimilaritySearch(org.springframework.ai.vectorstore.SearchRequest request) {
        float[] query = embeddingModel.embed(request.getQuery());
        SearchRequest search = SearchRequest.vector(query, namespace).topK(Math.min(MAX_RESULTS, request.getTopK()))
                .withSimilarity();
        if (request.hasFilterExpression()) {
            search = search.filter(FilterExpressions.toJson(request.getFilterExpression()));
        }
        List<Document> documents = new ArrayList<>();
        for (SearchResponse.Hit hit : client.search(search).results()) {
            double similarity = hit.similarity();
            if (similarity < request.getSimilarityThreshold()) {
                continue;
            }
            Map<String, Object> metadata = new HashMap<>(hit.metadata() == null ? Map.of() : hit.metadata());
            Object text = metadata.remove(TEXT_KEY);
            metadata.put(DocumentMetadata.DISTANCE.value(), 1.0 - similarity);
            documents.add(Document.builder().id(hit.id()).text(text == null ? "" : text.toString()).metadata(metadata)
                    .score(similarity).build());
        }
        return documents;
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder("moorcheh", operationName).collectionName(namespace)
                .dimensions(dimension).similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getNativeClient() {
        return Optional.of((T) client);
    }

    /** Settings of a {@link MoorchehVectorStore}; {@code baseUrl} and {@code namespace} are required. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
        private String baseUrl;
        private String apiKey;
        private String namespace;
        private Integer dimension;
        private boolean initializeSchema = true;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(EmbeddingModel embeddingModel) {
            super(embeddingModel);
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

        /** The embeddings' dimension; the embedding model's when not given. */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Whether a missing namespace is created (the default). */
        public Builder initializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        @Override
        public MoorchehVectorStore build() {
            return new MoorchehVectorStore(this);
        }
    }
}
