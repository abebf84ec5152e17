package org.openmoorcheh.server.providers;

import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import org.openmoorcheh.server.ServerConfig;

/** Builds the embedder the configuration asks for. */
public final class Embedders {

    private Embedders() {
    }

    /** @throws IllegalArgumentException when the configuration names an unknown local model */
    public static Embedder fromConfig(ServerConfig config) {
        String model = config.embeddingModel();
        String baseUrl = config.embeddingBaseUrl();
        return switch (config.embeddingProvider()) {
            case ServerConfig.LOCAL_EMBEDDING_PROVIDER -> new LocalEmbedder(model);
            case "ollama" -> new RemoteEmbedder("ollama", model, baseUrl, OllamaEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(config.embeddingTimeout())
                    .maxRetries(config.providerMaxRetries())
                    .build());
            case "openai" -> new RemoteEmbedder("openai", model, baseUrl, OpenAiEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(Llms.keyOrPlaceholder(config.embeddingApiKey()))
                    .modelName(model)
                    .timeout(config.embeddingTimeout())
                    .maxRetries(config.providerMaxRetries())
                    .build());
            case "cohere" -> new CohereEmbedder(model, new CohereClient(baseUrl, config.embeddingApiKey(),
                    config.embeddingTimeout(), config.providerMaxRetries()));
            default -> throw new IllegalArgumentException("unknown EMBEDDING_PROVIDER " + config.embeddingProvider());
        };
    }
}
