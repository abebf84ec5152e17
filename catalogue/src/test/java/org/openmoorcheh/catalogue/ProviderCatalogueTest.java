package org.openmoorcheh.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderCatalogueTest {

    @Test
    void defaultsComeFirstAndEachProviderHasItsModels() {
        assertThat(ProviderCatalogue.embeddingProviders()).containsExactly("local", "ollama", "openai", "cohere");
        assertThat(ProviderCatalogue.llmProviders()).containsExactly("none", "ollama", "openai", "cohere");
        assertThat(ProviderCatalogue.defaultEmbeddingModel("local")).contains("all-minilm-l6-v2");
        assertThat(ProviderCatalogue.defaultLlmModel("none")).contains("extractive");
        assertThat(ProviderCatalogue.defaultEmbeddingModel("none")).isEmpty();
        assertThat(ProviderCatalogue.defaultEmbeddingModel("nosuch")).isEmpty();
        assertThat(ProviderCatalogue.defaultBaseUrl("ollama")).isEqualTo("http://localhost:11434");
        assertThat(ProviderCatalogue.defaultBaseUrl("local")).isEmpty();
    }
}
