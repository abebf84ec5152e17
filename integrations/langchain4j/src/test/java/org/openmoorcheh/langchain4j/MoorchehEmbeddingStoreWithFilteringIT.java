package org.openmoorcheh.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * LangChain4j's own suite for stores with filters, whole and with its default switches (exact
 * embeddings, floats, doubles and longs), against a real server.
 */
class MoorchehEmbeddingStoreWithFilteringIT extends EmbeddingStoreWithFilteringIT {

    private static TestServer server;
    private static EmbeddingModel model;
    private static MoorchehEmbeddingStore store;

    @BeforeAll
    static void start() {
        server = new TestServer();
        model = new AllMiniLmL6V2EmbeddingModel();
        store = MoorchehEmbeddingStore.builder().baseUrl(server.url()).namespace("langchain4j-filtering")
                .dimension(model.dimension()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return model;
    }

    @Override
    protected void clearStore() {
        store.removeAll();
    }

    @Override
    protected boolean supportsContains() {
        return true;
    }
}
