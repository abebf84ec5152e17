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

/**
 * Vector ingestion end to end over HTTP: N random vectors of dimension D sent in batches, timed from
 * the first POST until every job reports {@code completed}, with {@code --clients} senders in
 * parallel. Bodies are prepared before the clock starts, with float32 values written as Java prints
 * them.
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
        System.out.printf("IngestBench: %d vectors x %d dims in batches of %d from %d clients, %d cores,"
                + " max heap %s%n", count, dimension, batch, clients, Runtime.getRuntime().availableProcessors(),
                HeapPeak.mib(Runtime.getRuntime().maxMemory()));
        try (BenchServer server = new BenchServer(Map.of())) {
            server.post("/namespaces", ("{\"namespace_name\":\"bench\",\"type\":\"vector\",\"vector_dimension\":"
                    + dimension + "}").getBytes(StandardCharsets.UTF_8));
            // Bodies are built before the clock starts so the figure is the server's, not this client's.
            List<byte[]> bodies = new ArrayList<>();
            Random random = new Random(42);
            long bodyBytes = 0;
            for (int from = 0; from < count; from += batch) {
                byte[] body = body(random, from, Math.min(batch, count - from), dimension);
                bodies.add(body);
                bodyBytes += body.length;
            }
            HeapPeak.reset();
            long started = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            List<String> jobIds = new CopyOnWriteArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        jobIds.add(server.post("/namespaces/bench/vectors", bodies.get(i)).get("job_id").asText());
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
            System.out.printf("  request bodies: %.0f MiB of JSON (%.1f bytes per value)%n",
                    bodyBytes / 1048576.0, bodyBytes / (double) count / dimension);
            System.out.printf("  all batches admitted (202) after %.2f s; last job completed after %.2f s%n",
                    (admitted - started) / 1e9, seconds);
            System.out.printf("  throughput: %.0f vectors/s end to end%n",
                    count / seconds);
            System.out.printf("  peak heap (server, and the client's %.0f MiB of prepared bodies, in one JVM): %s%n",
                    bodyBytes / 1048576.0, HeapPeak.mib(HeapPeak.peakBytes()));
            System.out.printf("  health: %s%n", server.get("/health"));
            System.out.printf("  last job: %s%n", last);
        }
        System.out.println("command: bench/run IngestBench --vectors " + count + " --dim " + dimension
                + " --batch " + batch + " --clients " + clients);
    }

    private static byte[] body(Random random, int from, int size, int dimension) {
        StringBuilder json = new StringBuilder(size * dimension * 12);
        json.append("{\"vectors\":[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"v").append(from + i).append("\",\"vector\":[");
            for (int d = 0; d < dimension; d++) {
                json.append(d == 0 ? "" : ",").append((float) random.nextGaussian());
            }
            json.append("]}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
