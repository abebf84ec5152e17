package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text ingestion end to end over HTTP with the default embedding model: the SciFact abstracts sent
 * in batches of 100, timed from the first POST until the last job completes.
 */
public final class TextIngestBench {

    private TextIngestBench() {
    }

    public static void main(String[] argv) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Args args = new Args(argv);
        Path data = Path.of(args.text("data", "../shared/data/scifact"));
        String model = args.text("model", "all-minilm-l6-v2");
        int limit = args.number("docs", Integer.MAX_VALUE);
        SciFact set = SciFact.load(data);
        List<SciFact.Doc> corpus = set.corpus.subList(0, Math.min(limit, set.corpus.size()));
        ObjectMapper mapper = new ObjectMapper();
        System.out.printf("TextIngestBench: %d SciFact abstracts, model %s, %d cores%n", corpus.size(), model,
                Runtime.getRuntime().availableProcessors());
        try (BenchServer server = new BenchServer(Map.of("EMBEDDING_MODEL", model))) {
            server.post("/namespaces", "{\"namespace_name\":\"scifact\",\"type\":\"text\"}".getBytes());
            // Load the model before the clock starts: it happens once per process.
            String warm = server.post("/namespaces/scifact/documents",
                    "{\"documents\":[{\"id\":\"warm-up\",\"text\":\"warm up\"}]}".getBytes()).get("job_id").asText();
            server.awaitUpload("scifact", warm);
            HeapPeak.reset();
            long started = System.nanoTime();
            List<String> jobs = new ArrayList<>();
            for (int from = 0; from < corpus.size(); from += 100) {
                ObjectNode body = mapper.createObjectNode();
                ArrayNode documents = body.putArray("documents");
                for (SciFact.Doc doc : corpus.subList(from, Math.min(from + 100, corpus.size()))) {
                    documents.addObject().put("id", doc.id()).put("text", doc.text());
                }
                jobs.add(server.post("/namespaces/scifact/documents", mapper.writeValueAsBytes(body))
                        .get("job_id").asText());
            }
            for (String job : jobs) {
                server.awaitUpload("scifact", job);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("  %d documents in %.1f s: %.1f docs/s end to end%n", corpus.size(), seconds,
                    corpus.size() / seconds);
            System.out.printf("  peak heap (server and client in one JVM): %s%n", HeapPeak.mib(HeapPeak.peakBytes()));
        }
        System.out.println("command: bench/run TextIngestBench --data " + data + " --model " + model);
    }
}
