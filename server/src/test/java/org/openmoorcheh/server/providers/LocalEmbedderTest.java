package org.openmoorcheh.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.catalogue.ProviderCatalogue;

/** The catalogue's local models are the ones this server can load, and a batch comes back in order. */
class LocalEmbedderTest {

    @Test
    void everyCatalogueModelIsOneThisServerCanLoad() {
        assertThat(LocalEmbedder.supportedModels()).isEqualTo(ProviderCatalogue.LOCAL_MODELS);
        for (String model : ProviderCatalogue.LOCAL_MODELS) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                assertThat(embedder.model()).isEqualTo(model);
            }
        }
        assertThatThrownBy(() -> new LocalEmbedder("gpt-embed")).hasMessageContaining("all-minilm-l6-v2");
    }

    @Test
    void aBatchSplitOverThreadsComesBackInOrderAndMatchesOneByOne() {
        try (LocalEmbedder embedder = new LocalEmbedder(ProviderCatalogue.LOCAL_MODELS.get(0))) {
            List<String> texts = List.of("red apples", "a sailing boat", "tax law", "green pears", "the sea", "x");
            List<float[]> batch = embedder.embed(texts);
            assertThat(batch).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batch.get(i)).containsExactly(embedder.embed(List.of(texts.get(i))).get(0));
            }
        }
    }
}
