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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openmoorcheh.catalogue.ProviderCatalogue;

/**
 * The catalogue's local models are the ones this server can load, a batch comes back in order, BGE
 * embeds as LangChain4j's own class does, and no model thread is pinned to a core or spins once its
 * run is done. Those two checks run first: LangChain4j's class, loaded later for the comparison,
 * pins and spins threads of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEmbedderTest {

    /** The threads of this process (Linux). */
    private static final Path TASKS = Path.of("/proc/self/task");

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
        assumeTrue(Files.isDirectory(TASKS), "/proc is Linux's");
        String processCpus = cpusAllowed(Files.readString(Path.of("/proc/self/status")));
        for (String model : ProviderCatalogue.LOCAL_MODELS) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                embedder.embed(List.of("a text long enough for the model to run its operators on every worker"));
            }
        }
        List<String> pinned = new ArrayList<>();
        perThread("status").forEach((thread, status) -> {
            String cpus = cpusAllowed(status);
            if (!cpus.equals(processCpus)) {
                pinned.add(thread + " on CPUs " + cpus);
            }
        });
        assertThat(pinned).as("threads allowed fewer CPUs than the process (%s)", processCpus).isEmpty();
    }

    /**
     * By default ONNX Runtime's workers spin on after a run, in case another follows: 23-31 ms of a
     * core after every embedding, taken from the search that follows it (ShippedOnnxModel). Each
     * attempt times every thread of the process (/proc's schedstat) for 100 ms after an embedding;
     * a thread fails the check only if it used over 10 ms in every attempt (a spinning worker does
     * after each run; the JIT compiling in one window does not), the JVM's compiler threads aside.
     * Linux only.
     */
    @Test
    @Order(2)
    void noThreadOfTheModelsSpinsOnceAnEmbeddingIsDone() throws Exception {
        assumeTrue(Files.isDirectory(TASKS), "/proc is Linux's");
        for (String model : ProviderCatalogue.LOCAL_MODELS) {
            try (LocalEmbedder embedder = new LocalEmbedder(model)) {
                embedder.embed(List.of("loading the model"));
                Map<String, Long> busyInEvery = null;
                for (int attempt = 0; attempt < 3; attempt++) {
                    embedder.embed(List.of("a text long enough for the model to run its operators on every worker"));
                    Map<String, Long> before = cpuNanosByThread();
                    Thread.sleep(100);
                    Map<String, Long> busy = new TreeMap<>();
                    cpuNanosByThread().forEach((thread, nanos) -> {
                        long used = nanos - before.getOrDefault(thread, 0L);
                        // The JIT's compiler threads may be busy for seconds after the models' code loads.
                        if (used > 10_000_000L && !thread.contains("CompilerThre")) {
                            busy.put(thread, used / 1_000_000);
                        }
                    });
                    if (busyInEvery == null) {
                        busyInEvery = busy;
                    } else {
                        busyInEvery.keySet().retainAll(busy.keySet());
                    }
                }
                assertThat(busyInEvery).as("threads (id and name: ms of CPU) busy over 10 ms in each 100 ms"
                        + " after an embedding with %s", model).isEmpty();
            }
        }
    }

    /** CPU time each thread of this process has run, by "id name" (its schedstat's first field). */
    private static Map<String, Long> cpuNanosByThread() throws IOException {
        Map<String, Long> nanos = new HashMap<>();
        perThread("schedstat").forEach((thread, schedstat) ->
                nanos.put(thread, Long.parseLong(schedstat.split(" ")[0])));
        return nanos;
    }

    /** One /proc file of each thread of this process, by "id name"; threads that end meanwhile are left out. */
    private static Map<String, String> perThread(String file) throws IOException {
        Map<String, String> texts = new HashMap<>();
        try (Stream<Path> threads = Files.list(TASKS)) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    texts.put(thread.getFileName() + " " + name, Files.readString(thread.resolve(file)));
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        }
        return texts;
    }

    private static String cpusAllowed(String status) {
        return status.lines().filter(line -> line.startsWith("Cpus_allowed_list:"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    }
}
