package org.openmoorcheh.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring AI's own store suite ({@link BaseVectorStoreTests}) against a real server, the store made
 * by the Boot auto-configuration from {@code spring.ai.vectorstore.moorcheh.*} properties; then
 * searches with top-k, thresholds and filter expressions in both forms, and observations.
 */
class MoorchehVectorStoreIT extends BaseVectorStoreTests {

    private static TestServer server;
    private static EmbeddingModel model;

    @BeforeAll
    static void start() {
        server = new TestServer();
        model = TestEmbeddingModels.miniLm();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private ApplicationContextRunner context(String namespace) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MoorchehVectorStoreAutoConfiguration.class))
                .withBean(EmbeddingModel.class, () -> model)
                .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("spring.ai.vectorstore.moorcheh.base-url=" + server.url(),
                        "spring.ai.vectorstore.moorcheh.namespace=" + namespace);
    }

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        context("spring-ai-base").run(context -> {
            VectorStore store = context.getBean(VectorStore.class);
            assertThat(store).isInstanceOf(MoorchehVectorStore.class);
            testFunction.accept(store);
        });
    }

    @Test
    void searchesWithTopKThresholdAndFiltersInBothForms() {
        context("spring-ai-search").run(context -> {
            VectorStore store = context.getBean(VectorStore.class);
            List<Document> documents = List.of(
                    new Document("a", "Spring AI brings vector stores to Java", Map.of("year", 2024, "genre", "drama")),
                    new Document("b", "Crime novels from the nineteen fifties", Map.of("year", 1955, "genre", "crime")),
                    new Document("c", "A drama about vector databases", Map.of("year", 2021, "genre", "drama",
                            "draft", true)),
                    new Document("d", "Cooking pasta at home", Map.of("genre", "food")));
            store.add(documents);

            List<Document> all = store.similaritySearch(SearchRequest.builder().query("vector stores in Java")
                    .topK(10).similarityThresholdAll().build());
            assertThat(all).extracting(Document::getId).startsWith("a");
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).getScore()).isLessThanOrEqualTo(all.get(i - 1).getScore());
            }
            Document best = all.get(0);
            assertThat(best.getText()).isEqualTo("Spring AI brings vector stores to Java");
            assertThat(best.getMetadata()).containsEntry("genre", "drama").containsEntry("year", 2024)
                    .doesNotContainKey(MoorchehVectorStore.TEXT_KEY);
            assertThat((Double) best.getMetadata().get("distance")).isCloseTo(1 - best.getScore(),
                    org.assertj.core.data.Offset.offset(1e-9));

            assertThat(store.similaritySearch(SearchRequest.builder().query("vector stores in Java").topK(1).build()))
                    .extracting(Document::getId).containsExactly("a");
            double threshold = (all.get(0).getScore() + all.get(1).getScore()) / 2;
            assertThat(store.similaritySearch(SearchRequest.builder().query("vector stores in Java").topK(10)
                    .similarityThreshold(threshold).build())).extracting(Document::getId).containsExactly("a");

            assertThat(store.similaritySearch(SearchRequest.builder().query("vector stores in Java").topK(10)
                    .filterExpression("year >= 2020 && genre in ['drama']").build()))
                    .extracting(Document::getId).containsExactlyInAnyOrder("a", "c");
            FilterExpressionBuilder b = new FilterExpressionBuilder();
            assertThat(store.similaritySearch(SearchRequest.builder().query("vector stores in Java").topK(10)
                    .filterExpression(b.and(b.gte("year", 2020), b.not(b.eq("draft", true))).build()).build()))
                    .extracting(Document::getId).containsExactly("a");
            assertThat(store.similaritySearch(SearchRequest.builder().query("anything").topK(10)
                    .filterExpression(b.or(b.lt("year", 1960), b.nin("genre", "drama", "crime")).build()).build()))
                    .extracting(Document::getId).containsExactlyInAnyOrder("b", "d");
            assertThat(store.similaritySearch(SearchRequest.builder().query("anything").topK(10)
                    .filterExpression(b.isNull("year").build()).build())).extracting(Document::getId)
                    .containsExactly("d");

            store.delete("genre == 'drama' && year < 2022");
            org.openmoorcheh.client.MoorchehClient client = store.<org.openmoorcheh.client.MoorchehClient>getNativeClient()
                    .orElseThrow();
            assertThat(client.vectors().get("spring-ai-search", List.of("a", "b", "c", "d")).items())
                    .extracting(org.openmoorcheh.client.model.Item::id).containsExactly("a", "b", "d");
            store.delete(List.of("a", "b", "d"));

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo("db.vector.client.operation").that()
                    .hasLowCardinalityKeyValue("db.system", "moorcheh");
        });
    }

    @Test
    void propertiesChooseTheNamespaceAndAnotherTypeTurnsItOff() {
        context("spring-ai-props").withPropertyValues("spring.ai.vectorstore.moorcheh.dimension=384").run(context -> {
            MoorchehVectorStore store = context.getBean(MoorchehVectorStore.class);
            assertThat(store.namespace()).isEqualTo("spring-ai-props");
        });
        context("spring-ai-other").withPropertyValues("spring.ai.vectorstore.type=none")
                .run(context -> assertThat(context).doesNotHaveBean(VectorStore.class));
        context("spring-ai-missing").withPropertyValues("spring.ai.vectorstore.moorcheh.initialize-schema=false")
                .run(context -> assertThat(context).hasFailed());
    }
}
