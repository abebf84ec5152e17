package org.openmoorcheh.server.providers;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: an ONNX model that ships inside a LangChain4j jar and runs in this process,
 * so the server needs no network and no model server. The model is loaded on first use (a server
 * that only holds vector namespaces never pays for it) and then kept; texts of a batch are embedded
 * in parallel on a pool of {@code moorcheh-embed-N} threads, one per core.
 */
public final class LocalEmbedder implements Embedder {

    /** The provider name of the local models. */
    public static final String PROVIDER = "local";

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmbedder.class);

    /** The models this build ships, each with how to load it on an executor. */
    private static final Map<String, Function<ExecutorService, EmbeddingModel>> MODELS = Map.of(
            // Read 256 word pieces as sentence-transformers does, not the 128 of the jar's tokenizer.
            "all-minilm-l6-v2", executor -> new ShippedOnnxModel("all-minilm-l6-v2.onnx",
                    "all-minilm-l6-v2-tokenizer.json", PoolingMode.MEAN, 256, executor),
            "bge-small-en-v1.5-q", BgeSmallEnV15QuantizedEmbeddingModel::new);

    private final String model;
    private final Function<ExecutorService, EmbeddingModel> loader;
    private final ExecutorService pool;
    private volatile EmbeddingModel loaded;

    /** @throws IllegalArgumentException naming the supported models when {@code model} is not one */
    public LocalEmbedder(String model) {
        this.model = model.toLowerCase(Locale.ROOT);
        this.loader = MODELS.get(this.model);
        if (loader == null) {
            throw new IllegalArgumentException("EMBEDDING_MODEL '" + model + "' is not a local model; choose one of "
                    + supportedModels());
        }
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "moorcheh-embed-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static List<String> supportedModels() {
        return MODELS.keySet().stream().sorted().toList();
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
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text));
        }
        try {
            List<Embedding> embeddings = load().embedAll(segments).content();
            List<float[]> vectors = new ArrayList<>(embeddings.size());
            for (Embedding embedding : embeddings) {
                vectors.add(embedding.vector());
            }
            return vectors;
        } catch (RuntimeException e) {
            throw new EmbeddingException("local model " + model + " failed: " + e.getMessage(), e);
        }
    }

    private EmbeddingModel load() {
        EmbeddingModel current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    long started = System.nanoTime();
                    current = loader.apply(pool);
                    loaded = current;
                    LOG.info("loaded local embedding model {} in {} ms", model,
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        }
        return current;
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
