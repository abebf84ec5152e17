package org.openmoorcheh.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * The embedding and LLM providers this server can use, each with its default base URL and default
 * models, and the embedding models that run in-process. The one place they are spelled out: the
 * server's configuration, its provider switches and the CLI's {@code configure} all read this.
 */
public final class ProviderCatalogue {

    /** The embedded, network-free embedding provider. */
    public static final String LOCAL = "local";
    /** No LLM: answers are extractive. */
    public static final String NO_LLM = "none";
    public static final String OLLAMA = "ollama";
    public static final String OPENAI = "openai";
    public static final String COHERE = "cohere";

    /** The in-process embedding models, the default first. */
    public static final List<String> LOCAL_MODELS = List.of("all-minilm-l6-v2", "bge-small-en-v1.5-q");

    /**
     * A provider and its defaults.
     *
     * @param baseUrl where it answers unless configured otherwise; empty for the in-process ones
     * @param embeddingModel its default embedding model; null when it embeds nothing
     * @param llmModel its default LLM; null when it answers nothing
     */
    public record Provider(String name, String baseUrl, String embeddingModel, String llmModel) {
    }

    private static final List<Provider> PROVIDERS = List.of(
            new Provider(LOCAL, "", LOCAL_MODELS.get(0), null),
            new Provider(NO_LLM, "", null, "extractive"),
            new Provider(OLLAMA, "http://localhost:11434", "mxbai-embed-large", "qwen2.5"),
            new Provider(OPENAI, "https://api.openai.com/v1", "text-embedding-3-small", "gpt-4o-mini"),
            new Provider(COHERE, "https://api.cohere.com/v2", "embed-v4.0", "command-r-08-2024"));

    private ProviderCatalogue() {
    }

    /** The providers of embeddings, the default first: local, ollama, openai, cohere. */
    public static List<String> embeddingProviders() {
        return PROVIDERS.stream().filter(p -> p.embeddingModel() != null).map(Provider::name).toList();
    }

    /** The providers of answers, the default first: none, ollama, openai, cohere. */
    public static List<String> llmProviders() {
        return PROVIDERS.stream().filter(p -> p.llmModel() != null).map(Provider::name).toList();
    }

    public static Optional<Provider> provider(String name) {
        return PROVIDERS.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The provider's default embedding model, or empty when it is not an embedding provider. */
    public static Optional<String> defaultEmbeddingModel(String provider) {
        return provider(provider).map(Provider::embeddingModel);
    }

    /** The provider's default LLM, or empty when it is not an LLM provider. */
    public static Optional<String> defaultLlmModel(String provider) {
        return provider(provider).map(Provider::llmModel);
    }

    /** The provider's default base URL; empty for unknown and in-process providers. */
    public static String defaultBaseUrl(String provider) {
        return provider(provider).map(Provider::baseUrl).orElse("");
    }
}
