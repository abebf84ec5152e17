package org.openmoorcheh.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openmoorcheh.catalogue.ProviderCatalogue;

/**
 * The catalogue's local models are the ones this server can load, a batch comes back in order, BGE
 * embeds as LangChain4j's own class does, and no model thread is pinned to a core. The pinning check
 * runs first: LangChain4j's class, loaded later for the comparison, pins a thread of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEmbedderTest {

    @Test
    void everyCatalogueModelIsOneThisServerCanLoad() {
        assertThat(LocalEmbedder.supportedModels()).isEqualTo(ProviderCatalogue.LOCAL_MODELS);
        for (String model : ProviderCatalogue.LOCAL_MODELS) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                assertThat(embedder.model()).isEqualTo(model);
            }
        }
        assertThatThrownBy(() -> new LocalEmbedder("gpt-embed")).hasMessageContaining("all-minilm-l6-v2");
    }

    @Test
    void aBatchSplitOverThreadsComesBackInOrderAndMatchesOneByOne() {
        try (LocalEmbedder embedder = new LocalEmbedder(ProviderCatalogue.LOCAL_MODELS.get(0))) {
            List<String> texts = List.of("red apples", "a sailing boat", "tax law", "green pears", "the sea", "x");
            List<float[]> batch = embedder.embed(texts);
            assertThat(batch).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batch.get(i)).containsExactly(embedder.embed(List.of(texts.get(i))).get(0));
            }
        }
    }

    @Test
    void bgeEmbedsAsLangChain4jsOwnClassDoes() {
        BgeSmallEnV15QuantizedEmbeddingModel reference = new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);
        try (LocalEmbedder embedder = new LocalEmbedder("bge-small-en-v1.5-q")) {
            for (String text : List.of("red apples", "Represent this sentence for searching relevant passages: tax law",
                    "word ".repeat(600))) {
                float[] ours = embedder.embed(List.of(text)).get(0);
                float[] theirs = reference.embed(TextSegment.from(text)).content().vector();
                assertThat(ours).hasSize(384).containsExactly(theirs, within(1e-5f));
            }
        }
    }

    /**
     * Left to choose, ONNX Runtime pins a worker thread to each core it counts: in a process kept to
     * one core it then spins against its caller there (ShippedOnnxModel). Linux only: read from /proc.
     */
    @Test
    @Order(1)
    void noThreadOfTheModelsIsPinnedToACore() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "/proc is Linux's");
        String processCpus = cpusAllowed(Path.of("/proc/self/status"));
        for (String model : ProviderCatalogue.LOCAL_MODELS) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                embedder.embed(List.of("a text long enough for the model to run its operators on every worker"));
            }
        }
        List<String> pinned = new ArrayList<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String cpus = cpusAllowed(thread.resolve("status"));
                    if (!cpus.equals(processCpus)) {
                        pinned.add(Files.readString(thread.resolve("comm")).strip() + " on CPUs " + cpus);
                    }
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        }
        assertThat(pinned).as("threads allowed fewer CPUs than the process (%s)", processCpus).isEmpty();
    }

    private static String cpusAllowed(Path status) throws IOException {
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    }
}
