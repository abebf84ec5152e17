package org.openmoorcheh.server.providers;

import java.util.List;
import org.openmoorcheh.store.EmbeddingSpace;

/**
 * Turns texts into vectors with one fixed model. Implementations are thread-safe and may be
 * expensive to create; the server makes one per process.
 */
public interface Embedder extends AutoCloseable {

    /** The provider name reported by {@code /health} ({@code local}, {@code ollama}, ...). */
    String provider();

    /** The model id reported by {@code /health}. */
    String model();

    /** The space of this embedder's vectors, as text namespaces record it. */
    default EmbeddingSpace space() {
        return new EmbeddingSpace(provider(), model());
    }

    /**
     * Embeds documents, one vector per text in the same order.
     *
     * @throws EmbeddingException when the provider fails; the whole batch has no result then
     */
    List<float[]> embed(List<String> texts);

    /**
     * Embeds a search query. Providers whose models embed queries and documents differently
     * (Cohere's {@code input_type}) override this.
     *
     * @throws EmbeddingException when the provider fails
     */
    default float[] embedQuery(String text) {
        return embed(List.of(text)).get(0);
    }

    @Override
    default void close() {
    }
}
