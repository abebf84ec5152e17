package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmoorcheh.client.MoorchehClient;
import org.openmoorcheh.client.model.VectorItem;

/**
 * Vector ingestion end to end over HTTP: N random vectors of dimension D sent in batches, timed from
 * the first POST until every job reports {@code completed}, with {@code --clients} senders in
 * parallel. {@code --format binary} (the default) sends each batch through the Java client, which
 * encodes it as {@code application/x-moorcheh-vectors} inside the timed span; {@code --format json}
 * sends JSON bodies prepared before the clock starts, float32 values written as Java prints them
 * (what the Python client sends).
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        int count = args.number("vectors", 100_000);
        int dimension = args.number("dim", 768);
        int batch = args.number("batch", 1_000);
        int clients = args.number("clients", 2);
        String format = args.text("format", "binary");
        String storeName = args.text("store", "sqlite");
        Map<String, String> store = storeName.equals("postgres")
                ? Map.of("MOORCHEH_DATABASE_URL", org.openmoorcheh.store.postgres.PostgresServer.shared().freshDatabase())
                : Map.of();
        if (!format.equals("binary") && !format.equals("json")) {
            throw new IllegalArgumentException("--format is binary or json");
        }
        System.out.printf("IngestBench (" + storeName + "): %d vectors x %d dims in batches of %d from %d clients as %s, %d cores,"
                + " max heap %s%n", count, dimension, batch, clients, format,
                Runtime.getRuntime().availableProcessors(), HeapPeak.mib(Runtime.getRuntime().maxMemory()));
        try (BenchServer server = new BenchServer(store)) {
            server.post("/namespaces", ("{\"namespace_name\":\"bench\",\"type\":\"vector\",\"vector_dimension\":"
                    + dimension + "}").getBytes(StandardCharsets.UTF_8));
            // Bodies are built before the clock starts so the figure is the server's, not this client's.
            List<List<VectorItem>> batches = new ArrayList<>();
            Random random = new Random(42);
            for (int from = 0; from < count; from += batch) {
                batches.add(vectors(random, from, Math.min(batch, count - from), dimension));
            }
            List<byte[]> bodies = new ArrayList<>();
            long bodyBytes = 0;
            if (format.equals("json")) {
                for (List<VectorItem> vectors : batches) {
                    bodies.add(json(vectors));
                    bodyBytes += bodies.get(bodies.size() - 1).length;
                }
            } else {
                bodyBytes = batches.size() * 12L + count * (2L + 4 + 4L * dimension)
                        + batches.stream().flatMap(List::stream).mapToLong(v -> v.id().length()).sum();
            }
            MoorchehClient client = MoorchehClient.of(server.url());
            HeapPeak.reset();
            long started = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            List<String> jobIds = new CopyOnWriteArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        jobIds.add(format.equals("json")
                                ? server.post("/namespaces/bench/vectors", bodies.get(i)).get("job_id").asText()
                                : client.vectors().upload("bench", batches.get(i)).jobId());
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
            long admitted = System.nanoTime();
            JsonNode last = null;
            for (String jobId : jobIds) {
                last = server.awaitUpload("bench", jobId);
            }
            long finished = System.nanoTime();
            double seconds = (finished - started) / 1e9;
            System.out.printf("  request bodies: %.0f MiB of %s (%.1f bytes per value)%n",
                    bodyBytes / 1048576.0, format, bodyBytes / (double) count / dimension);
            System.out.printf("  all batches admitted (202) after %.2f s; last job completed after %.2f s%n",
                    (admitted - started) / 1e9, seconds);
            System.out.printf("  throughput: %.0f vectors/s end to end%n",
                    count / seconds);
            System.out.printf("  peak heap (server, and the client's %.0f MiB of prepared batches, in one JVM): %s%n",
                    count * 4.0 * dimension / 1048576.0 + (format.equals("json") ? bodyBytes / 1048576.0 : 0),
                    HeapPeak.mib(HeapPeak.peakBytes()));
            System.out.printf("  health: %s%n", server.get("/health"));
            System.out.printf("  last job: %s%n", last);
        }
        System.out.println("command: bench/run IngestBench --vectors " + count + " --dim " + dimension
                + " --batch " + batch + " --clients " + clients + " --format " + format + " --store " + storeName);
    }

    private static List<VectorItem> vectors(Random random, int from, int size, int dimension) {
        List<VectorItem> vectors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(VectorItem.of("v" + (from + i), vector));
        }
        return vectors;
    }

    private static byte[] json(List<VectorItem> vectors) {
        StringBuilder json = new StringBuilder(vectors.size() * vectors.get(0).vector().length * 12);
        json.append("{\"vectors\":[");
        for (int i = 0; i < vectors.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(vectors.get(i).id()).append("\",\"vector\":[");
            float[] vector = vectors.get(i).vector();
            for (int d = 0; d < vector.length; d++) {
                json.append(d == 0 ? "" : ",").append(vector[d]);
            }
            json.append("]}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
