package org.openmoorcheh.server.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Namespace;

/**
 * The embedders of one server: the configured one, which new text namespaces get unless they ask
 * for another, and every local model this build ships, each made on first use (a model costs its
 * memory only once a namespace uses it). A text namespace is embedded with the model it was made
 * with for its whole life: changing {@code EMBEDDING_MODEL} changes the default for new namespaces
 * and never breaks an old one whose model this build can run.
 *
 * <p>Thread-safe.
 */
public final class EmbeddingModels implements AutoCloseable {

    private final Embedder configured;
    private final Function<String, Embedder> shipped;
    private final Map<String, Embedder> loaded = new ConcurrentHashMap<>();

    /**
     * @param configured the embedder of {@code EMBEDDING_PROVIDER}/{@code EMBEDDING_MODEL}
     * @param shipped makes the embedder of a local model this build ships, by name (called once per model)
     */
    public EmbeddingModels(Embedder configured, Function<String, Embedder> shipped) {
        this.configured = configured;
        this.shipped = shipped;
    }

    /** The configured embedder: new text namespaces' default, and what {@code /health} reports. */
    public Embedder configured() {
        return configured;
    }

    /**
     * The space a new text namespace gets.
     *
     * @param requested the model a client asked for, or null for the configured one
     * @return empty when the server cannot embed with that model
     */
    public Optional<EmbeddingSpace> spaceFor(String requested) {
        if (requested == null || requested.equalsIgnoreCase(configured.model())) {
            return Optional.of(configured.space());
        }
        String model = requested.toLowerCase(Locale.ROOT);
        return LocalEmbedder.supportedModels().contains(model)
                ? Optional.of(new EmbeddingSpace(LocalEmbedder.PROVIDER, model)) : Optional.empty();
    }

    /** The models a new text namespace may ask for: the configured one and those this build ships. */
    public List<String> choices() {
        List<String> models = new ArrayList<>(List.of(configured.model()));
        LocalEmbedder.supportedModels().stream().filter(model -> !models.contains(model)).forEach(models::add);
        return models;
    }

    /**
     * The embedder of a text namespace: its recorded space's (the configured one for namespaces made
     * before spaces were recorded).
     *
     * @return empty when this server cannot make vectors in that space ({@link #mismatch} says why)
     */
    public Optional<Embedder> of(Namespace namespace) {
        EmbeddingSpace space = namespace.embedding();
        if (space == null || space.equals(configured.space())) {
            return Optional.of(configured);
        }
        if (space.provider().equals(LocalEmbedder.PROVIDER) && LocalEmbedder.supportedModels().contains(space.model())) {
            return Optional.of(loaded.computeIfAbsent(space.model(), shipped));
        }
        return Optional.empty();
    }

    /**
     * Why a text namespace cannot be embedded here: its vectors come from a remote model other than
     * the configured one, and comparing vectors across models returns confident nonsense. Empty when
     * it can.
     */
    public Optional<String> mismatch(Namespace namespace) {
        if (of(namespace).isPresent()) {
            return Optional.empty();
        }
        EmbeddingSpace recorded = namespace.embedding();
        return Optional.of("Namespace '" + namespace.name() + "' was embedded with " + recorded
                + " but this server embeds with " + configured.space() + ". Start the server with EMBEDDING_PROVIDER="
                + recorded.provider() + " and EMBEDDING_MODEL=" + recorded.model()
                + ", or re-create the namespace and upload its documents again.");
    }

    @Override
    public void close() {
        loaded.values().forEach(Embedder::close);
        configured.close();
    }
}
