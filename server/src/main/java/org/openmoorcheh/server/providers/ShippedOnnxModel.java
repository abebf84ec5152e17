package org.openmoorcheh.server.providers;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * A model whose ONNX file and tokenizer ship in a LangChain4j jar, loaded with the sequence length
 * of its reference implementation and a session whose threads the operating system may move.
 *
 * <p>Why not LangChain4j's own class: the tokenizer.json inside its all-MiniLM-L6-v2 jar truncates
 * every text at 128 word pieces, where sentence-transformers (with which the model was trained and
 * published, {@code max_seq_length} 256) reads 256. Half of each SciFact abstract was never seen,
 * and NDCG@10 was 0.624 against the published 0.645 (docs/BENCHMARKS.md). Here the tokenizer's
 * truncation is set to the reference length before the encoder is built.
 *
 * <p>Why a session of our own: left to choose its thread count, ONNX Runtime starts a worker per
 * physical core it counts (the machine's, not the share this JVM may use) and pins each to its core.
 * In a process restricted to some cores (taskset, a cpuset) a worker then runs outside them, or
 * shares the caller's only core and spins against it: embeddings at less than half the speed of one
 * thread (docs/BENCHMARKS.md). Unrestricted, a pinned worker still cannot leave a core that a search
 * or a request holds, and the model's every operator waits for it. A count given explicitly starts
 * the workers unpinned: one per core this JVM may use.
 *
 * <p>Why the workers stop spinning when a run ends: ONNX Runtime keeps them spinning between
 * operators (a run's next operator starts without waking anyone) and, by default, for a while after
 * the run too, in case another follows. That while was 23-31 ms of a core after every embedding
 * (/proc, docs/BENCHMARKS.md): the search that follows the query's embedding, a request beside it,
 * then ran on the cores less one. They now go to sleep when a run returns, and are woken at the next.
 */
final class ShippedOnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    /**
     * @param maxTokens word pieces read per text, special tokens included; 0 keeps the shipped
     *     tokenizer's own truncation
     * @param dimension the model's output dimension
     */
    ShippedOnnxModel(String onnxResource, String tokenizerResource, PoolingMode pooling, int maxTokens,
                     int dimension, Executor executor) {
        super(executor);
        this.dimension = dimension;
        try (InputStream model = resource(onnxResource);
             InputStream tokenizer = maxTokens > 0 ? tokenizerWithLength(tokenizerResource, maxTokens)
                     : resource(tokenizerResource);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            options.addConfigEntry("session.force_spinning_stop", "1");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            this.encoder = new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options),
                    tokenizer, pooling);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("model " + onnxResource + " could not be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    static InputStream tokenizerWithLength(String tokenizerResource, int maxTokens) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizer;
        try (InputStream in = resource(tokenizerResource)) {
            tokenizer = (ObjectNode) json.readTree(in);
        }
        ObjectNode truncation = json.createObjectNode();
        truncation.put("direction", "Right");
        truncation.put("max_length", maxTokens);
        truncation.put("strategy", "LongestFirst");
        truncation.put("stride", 0);
        tokenizer.set("truncation", truncation);
        return new ByteArrayInputStream(json.writeValueAsBytes(tokenizer));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ShippedOnnxModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model file " + name + " is missing from this build");
        }
        return in;
    }
}
