package org.openmoorcheh.server.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedding provider reached over HTTP through a LangChain4j model (Ollama, OpenAI-compatible),
 * which owns the wire format, the timeout and the retries with backoff. Failures become
 * {@link EmbeddingException}s that name the provider and its URL (never the key).
 */
final class RemoteEmbedder implements Embedder {

    private final String provider;
    private final String model;
    private final String baseUrl;
    private final EmbeddingModel delegate;

    RemoteEmbedder(String provider, String model, String baseUrl, EmbeddingModel delegate) {
        this.provider = provider;
        this.model = model;
        this.baseUrl = baseUrl;
        this.delegate = delegate;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings;
        try {
            embeddings = delegate.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        } catch (RuntimeException e) {
            throw new EmbeddingException("embedding provider " + provider + " (" + model + " at " + baseUrl
                    + ") failed: " + Failures.reason(e), e, Failures.unavailable(e));
        }
        if (embeddings == null || embeddings.size() != texts.size()) {
            throw new EmbeddingException("embedding provider " + provider + " (" + model + " at " + baseUrl
                    + ") returned " + (embeddings == null ? "no" : embeddings.size()) + " vectors for "
                    + texts.size() + " texts");
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(embedding.vector());
        }
        return vectors;
    }
}
