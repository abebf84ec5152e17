package org.openmoorcheh.server.config;

import org.openmoorcheh.catalogue.ProviderCatalogue;

/**
 * The embedding provider and the LLM.
 *
 * @param maxRetries retries of a provider call that failed with 429, 5xx or a timeout
 *     ({@code MOORCHEH_PROVIDER_MAX_RETRIES}, default 2)
 */
public record ProvidersConfig(ProviderConfig embedding, ProviderConfig llm, int maxRetries) {

    public ProvidersConfig {
        if (!ProviderCatalogue.embeddingProviders().contains(embedding.provider())) {
            throw new IllegalArgumentException("EMBEDDING_PROVIDER must be one of "
                    + ProviderCatalogue.embeddingProviders() + ", got '" + embedding.provider() + "'");
        }
        if (!ProviderCatalogue.llmProviders().contains(llm.provider())) {
            throw new IllegalArgumentException("LLM_PROVIDER must be one of " + ProviderCatalogue.llmProviders()
                    + ", got '" + llm.provider() + "'");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("MOORCHEH_PROVIDER_MAX_RETRIES must be >= 0, got " + maxRetries);
        }
    }

    /** True when answers come from a configured LLM rather than the extractive fallback. */
    public boolean hasLlm() {
        return !llm.provider().equals(ProviderCatalogue.NO_LLM);
    }
}
