package org.openmoorcheh.server.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: an ONNX model that ships inside a LangChain4j jar and runs in this process,
 * so the server needs no network and no model server. A model is loaded on first use (a server
 * that only holds vector namespaces never pays for it) and then kept for the life of the process:
 * a loaded model is immutable and thread-safe, so every embedder of the process shares it (a second
 * server in the same JVM, as the tests run, does not load it again). Texts of a batch are embedded
 * in parallel on this embedder's own pool of {@code moorcheh-embed-N} threads, one per core, which
 * {@link #close()} stops; the shared model starts no Java threads (ONNX Runtime's own workers, one
 * per core and unpinned, live as long as the model: {@link ShippedOnnxModel}).
 */
public final class LocalEmbedder implements Embedder {

    /** The provider name of the local models. */
    public static final String PROVIDER = ProviderCatalogue.LOCAL;

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmbedder.class);

    /** The models this build ships, each with how to load it to run on a given executor. */
    private static final Map<String, Function<Executor, EmbeddingModel>> MODELS = Map.of(
            // Read 256 word pieces as sentence-transformers does, not the 128 of the jar's tokenizer.
            "all-minilm-l6-v2", executor -> new ShippedOnnxModel("all-minilm-l6-v2.onnx",
                    "all-minilm-l6-v2-tokenizer.json", PoolingMode.MEAN, 256, 384, executor),
            // As LangChain4j's BgeSmallEnV15QuantizedEmbeddingModel loads it (its tokenizer as shipped).
            "bge-small-en-v1.5-q", executor -> new ShippedOnnxModel("bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, 0, 384, executor));

    /** The models loaded in this process, by name; each runs a batch on its caller's thread. */
    private static final ConcurrentMap<String, EmbeddingModel> LOADED = new ConcurrentHashMap<>();

    private final String model;
    private final Function<Executor, EmbeddingModel> loader;
    private final ExecutorService pool;
    private final int threads;

    /** @throws IllegalArgumentException naming the supported models when {@code model} is not one */
    public LocalEmbedder(String model) {
        this.model = model.toLowerCase(Locale.ROOT);
        this.loader = MODELS.get(this.model);
        if (loader == null) {
            throw new IllegalArgumentException("EMBEDDING_MODEL '" + model + "' is not a local model; choose one of "
                    + supportedModels());
        }
        AtomicInteger started = new AtomicInteger();
        this.threads = Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "moorcheh-embed-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The catalogue's local models: every one of them has a loader here (LocalEmbedderTest checks). */
    public static List<String> supportedModels() {
        return ProviderCatalogue.LOCAL_MODELS;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        try {
            EmbeddingModel loaded = load();
            // Contiguous slices, one per thread: the model embeds each slice on the thread running it.
            int slices = Math.min(threads, texts.size());
            List<Future<List<Embedding>>> parts = new ArrayList<>(slices);
            for (int i = 0; i < slices; i++) {
                List<TextSegment> slice = new ArrayList<>();
                for (String text : texts.subList(i * texts.size() / slices, (i + 1) * texts.size() / slices)) {
                    slice.add(TextSegment.from(text));
                }
                parts.add(slices == 1 ? CompletableFuture.completedFuture(loaded.embedAll(slice).content())
                        : pool.submit(() -> loaded.embedAll(slice).content()));
            }
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (Future<List<Embedding>> part : parts) {
                for (Embedding embedding : part.get()) {
                    vectors.add(embedding.vector());
                }
            }
            return vectors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("local model " + model + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new EmbeddingException("local model " + model + " failed: " + cause.getMessage(), cause);
        } catch (RuntimeException e) {
            throw new EmbeddingException("local model " + model + " failed: " + e.getMessage(), e);
        }
    }

    private EmbeddingModel load() {
        return LOADED.computeIfAbsent(model, name -> {
            long started = System.nanoTime();
            // A direct executor: the model starts no Java threads of its own, so it can outlive this embedder.
            EmbeddingModel loaded = loader.apply(Runnable::run);
            LOG.info("loaded local embedding model {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            return loaded;
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
