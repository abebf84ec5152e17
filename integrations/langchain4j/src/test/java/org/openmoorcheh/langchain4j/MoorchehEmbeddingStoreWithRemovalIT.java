package org.openmoorcheh.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** LangChain4j's own removal suite, whole (remove by id, ids, filter, and all), against a real server. */
class MoorchehEmbeddingStoreWithRemovalIT extends EmbeddingStoreWithRemovalIT {

    private static TestServer server;
    private static EmbeddingModel model;
    private static MoorchehEmbeddingStore store;

    @BeforeAll
    static void start() {
        server = new TestServer();
        model = new AllMiniLmL6V2EmbeddingModel();
        store = MoorchehEmbeddingStore.builder().baseUrl(server.url()).namespace("langchain4j-removal")
                .dimension(model.dimension()).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The suite has no clearing hook of its own: each test starts on an empty namespace. */
    @BeforeEach
    void clear() {
        store.removeAll();
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return model;
    }
}
