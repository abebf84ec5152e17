package org.openmoorcheh.server.providers;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Optional;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.openmoorcheh.server.config.ProvidersConfig;

/** Builds the LLM the configuration asks for; none when {@code LLM_PROVIDER} is {@code none}. */
public final class Llms {

    private Llms() {
    }

    public static Optional<Llm> fromConfig(ProvidersConfig config) {
        String model = config.llm().model();
        String baseUrl = config.llm().baseUrl();
        return switch (config.llm().provider()) {
            case ProviderCatalogue.NO_LLM -> Optional.empty();
            case ProviderCatalogue.OLLAMA -> Optional.of(new LangChainLlm("ollama", model, baseUrl, OllamaChatModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(config.llm().timeout())
                    .maxRetries(config.maxRetries())
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build()));
            case ProviderCatalogue.OPENAI -> Optional.of(new LangChainLlm("openai", model, baseUrl, OpenAiChatModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(keyOrPlaceholder(config.llm().apiKey()))
                    .modelName(model)
                    .timeout(config.llm().timeout())
                    .maxRetries(config.maxRetries())
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build()));
            case ProviderCatalogue.COHERE -> Optional.of(new CohereLlm(model, new CohereClient(baseUrl, config.llm().apiKey(),
                    config.llm().timeout(), config.maxRetries())));
            default -> throw new IllegalArgumentException("unknown LLM_PROVIDER " + config.llm().provider());
        };
    }

    /**
     * OpenAI-compatible servers on a laptop (vLLM, LM Studio, llama.cpp) usually need no key, but
     * LangChain4j insists on one; any placeholder is accepted by them.
     */
    static String keyOrPlaceholder(String apiKey) {
        return apiKey.isEmpty() ? "no-key" : apiKey;
    }
}
