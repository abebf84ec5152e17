package org.openmoorcheh.server.providers;

import java.util.List;

/**
 * Stands in for a configured remote provider that this build cannot call yet: {@code /health}
 * still reports the configuration truthfully, and each text embedding fails with a message that
 * says what to change. Vector namespaces are unaffected.
 */
final class UnsupportedEmbedder implements Embedder {

    private final String provider;
    private final String model;

    UnsupportedEmbedder(String provider, String model) {
        this.provider = provider;
        this.model = model;
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
    public int dimension() {
        return 0;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        throw new EmbeddingException("embedding provider '" + provider + "' is not available in this build;"
                + " set EMBEDDING_PROVIDER=local (models: " + LocalEmbedder.supportedModels() + ")");
    }
}
