package org.openmoorcheh.springai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * Embedding models for the tests, both in-process: all-MiniLM-L6-v2 as LangChain4j ships it in a
 * jar (Spring AI's own ONNX model downloads its weights, which tests here cannot), and a
 * deterministic one that maps each text to a fixed random vector (for the differential test, where
 * only the filters matter).
 */
final class TestEmbeddingModels {

    private TestEmbeddingModels() {
    }

    static EmbeddingModel miniLm() {
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        return new FunctionModel(text -> model.embed(text).content().vector(), 384);
    }

    static EmbeddingModel hashed(int dimension) {
        return new FunctionModel(text -> {
            Random random = new Random(text.hashCode() * 31L + text.length());
            float[] vector = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                vector[i] = (float) random.nextGaussian();
            }
            return vector;
        }, dimension);
    }

    private static final class FunctionModel implements EmbeddingModel {
        private final Function<String, float[]> embed;
        private final int dimension;

        FunctionModel(Function<String, float[]> embed, int dimension) {
            this.embed = embed;
            this.dimension = dimension;
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> embeddings = new ArrayList<>();
            List<String> texts = request.getInstructions();
            for (int i = 0; i < texts.size(); i++) {
                embeddings.add(new Embedding(embed.apply(texts.get(i)), i));
            }
            return new EmbeddingResponse(embeddings);
        }

        @Override
        public float[] embed(Document document) {
            return embed.apply(document.getText());
        }

        @Override
        public int dimensions() {
            return dimension;
        }
    }
}
