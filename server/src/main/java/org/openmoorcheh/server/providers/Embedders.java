package org.openmoorcheh.server.providers;

import org.openmoorcheh.server.ServerConfig;

/** Builds the embedder the configuration asks for. */
public final class Embedders {

    private Embedders() {
    }

    /** @throws IllegalArgumentException when the configuration names an unknown local model */
    public static Embedder fromConfig(ServerConfig config) {
        if (config.embeddingProvider().equals(ServerConfig.LOCAL_EMBEDDING_PROVIDER)) {
            return new LocalEmbedder(config.embeddingModel());
        }
        return new UnsupportedEmbedder(config.embeddingProvider(), config.embeddingModel());
    }
}
