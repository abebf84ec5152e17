package org.openmoorcheh.server.config;

import java.time.Duration;

/**
 * One provider the server calls: for embeddings ({@code EMBEDDING_*}) or for answers ({@code LLM_*}).
 * The key is kept out of {@link #toString()}.
 *
 * @param provider a name of {@link org.openmoorcheh.catalogue.ProviderCatalogue}
 * @param model the model asked for ({@code *_MODEL}, default: the provider's in the catalogue)
 * @param apiKey key of a cloud provider ({@code *_API_KEY}); empty for none
 * @param baseUrl where the provider answers ({@code *_BASE_URL}, default: the provider's)
 * @param timeout longest wait for one call ({@code MOORCHEH_EMBEDDING_TIMEOUT_SECONDS}, default 60;
 *     {@code MOORCHEH_ANSWER_TIMEOUT}, seconds, default 180)
 */
public record ProviderConfig(String provider, String model, String apiKey, String baseUrl, Duration timeout) {

    public ProviderConfig {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("provider timeouts must be at least one second");
        }
    }

    @Override
    public String toString() {
        return provider + "/" + model + (baseUrl.isEmpty() ? "" : " at " + baseUrl);
    }
}
