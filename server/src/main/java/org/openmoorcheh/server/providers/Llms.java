package org.openmoorcheh.server.providers;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Optional;
import org.openmoorcheh.server.ServerConfig;

/** Builds the LLM the configuration asks for; none when {@code LLM_PROVIDER} is {@code none}. */
public final class Llms {

    private Llms() {
    }

    public static Optional<Llm> fromConfig(ServerConfig config) {
        String model = config.llmModel();
        String baseUrl = config.llmBaseUrl();
        return switch (config.llmProvider()) {
            case ServerConfig.NO_LLM_PROVIDER -> Optional.empty();
            case "ollama" -> Optional.of(new LangChainLlm("ollama", model, baseUrl, OllamaChatModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(config.llmTimeout())
                    .maxRetries(config.providerMaxRetries())
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build()));
            case "openai" -> Optional.of(new LangChainLlm("openai", model, baseUrl, OpenAiChatModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(keyOrPlaceholder(config.llmApiKey()))
                    .modelName(model)
                    .timeout(config.llmTimeout())
                    .maxRetries(config.providerMaxRetries())
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build()));
            case "cohere" -> Optional.of(new CohereLlm(model, new CohereClient(baseUrl, config.llmApiKey(),
                    config.llmTimeout(), config.providerMaxRetries())));
            default -> throw new IllegalArgumentException("unknown LLM_PROVIDER " + config.llmProvider());
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
