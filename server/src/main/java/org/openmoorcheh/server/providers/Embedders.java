package org.openmoorcheh.server.providers;

import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.openmoorcheh.server.config.ProvidersConfig;

/** Builds the embedder the configuration asks for. */
public final class Embedders {

    private Embedders() {
    }

    /** @throws IllegalArgumentException when the configuration names an unknown local model */
    public static Embedder fromConfig(ProvidersConfig config) {
        String model = config.embedding().model();
        String baseUrl = config.embedding().baseUrl();
        return switch (config.embedding().provider()) {
            case ProviderCatalogue.LOCAL -> new LocalEmbedder(model);
            case ProviderCatalogue.OLLAMA -> new RemoteEmbedder("ollama", model, baseUrl, OllamaEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(config.embedding().timeout())
                    .maxRetries(config.maxRetries())
                    .build());
            case ProviderCatalogue.OPENAI -> new RemoteEmbedder("openai", model, baseUrl, OpenAiEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(Llms.keyOrPlaceholder(config.embedding().apiKey()))
                    .modelName(model)
                    .timeout(config.embedding().timeout())
                    .maxRetries(config.maxRetries())
                    .build());
            case ProviderCatalogue.COHERE -> new CohereEmbedder(model, new CohereClient(baseUrl, config.embedding().apiKey(),
                    config.embedding().timeout(), config.maxRetries()));
            default -> throw new IllegalArgumentException("unknown EMBEDDING_PROVIDER " + config.embedding().provider());
        };
    }
}
