package org.openmoorcheh.server.providers;

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
 * of its reference implementation.
 *
 * <p>Why not LangChain4j's own class: the tokenizer.json inside its all-MiniLM-L6-v2 jar truncates
 * every text at 128 word pieces, where sentence-transformers (with which the model was trained and
 * published, {@code max_seq_length} 256) reads 256. Half of each SciFact abstract was never seen,
 * and NDCG@10 was 0.624 against the published 0.645 (docs/BENCHMARKS.md). Here the tokenizer's
 * truncation is set to the reference length before the encoder is built.
 */
final class ShippedOnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;

    /**
     * @param maxTokens word pieces read per text, special tokens included
     */
    ShippedOnnxModel(String onnxResource, String tokenizerResource, PoolingMode pooling, int maxTokens,
                     Executor executor) {
        super(executor);
        try (InputStream model = resource(onnxResource)) {
            this.encoder = new OnnxBertBiEncoder(model, tokenizerWithLength(tokenizerResource, maxTokens), pooling);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
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
