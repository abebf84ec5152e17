package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.openmoorcheh.store.postgres.PostgresServer;
import org.openmoorcheh.store.postgres.PostgresStore;

/**
 * Search on PostgreSQL beside SQLite, the per-search catch-up on the change log, a node joining a
 * loaded database, and one node against two, all in this JVM (each node is a real server on its
 * own port; PostgreSQL is a real server started from the machine's binaries, as in the tests).
 *
 * <p>Both stores get the same {@code --n} vectors of {@code --dim} dimensions (clustered), through
 * {@code POST /namespaces/bench/vectors}. Then {@code --queries} searches one at a time (round trip
 * p50/p99), and {@code --threads} clients for {@code --seconds} (queries/s).
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchServer.quietLogs();
        Args args = new Args(argv);
        int n = args.number("n", 100_000);
        int dim = args.number("dim", 384);
        int queries = args.number("queries", 2_000);
        int threads = args.number("threads", 4);
        int seconds = args.number("seconds", 10);
        System.out.printf("ClusterBench: %d x %d-d vectors, %d queries, %d client threads, %d cores%n", n, dim,
                queries, threads, Runtime.getRuntime().availableProcessors());
        Random random = new Random(11);
        float[][] centres = new float[500][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, dim, null, 1f);
        }
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += 1_000) {
            StringBuilder body = new StringBuilder("{\"vectors\":[");
            for (int i = from; i < Math.min(n, from + 1_000); i++) {
                body.append(i == from ? "" : ",").append("{\"id\":\"v").append(i).append("\",\"vector\":")
                        .append(json(gaussian(random, dim, centres[random.nextInt(centres.length)], 0.4f))).append('}');
            }
            batches.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> probes = new ArrayList<>();
        for (int q = 0; q < 500; q++) {
            probes.add(("{\"query\":" + json(gaussian(random, dim, centres[random.nextInt(centres.length)], 0.4f))
                    + ",\"namespaces\":[\"bench\"],\"top_k\":10}").getBytes(StandardCharsets.UTF_8));
        }

        String url = PostgresServer.shared().freshDatabase();
        try (BenchServer sqlite = new BenchServer(Map.of());
             BenchServer node1 = new BenchServer(Map.of("MOORCHEH_DATABASE_URL", url))) {
            for (BenchServer server : List.of(sqlite, node1)) {
                long started = System.nanoTime();
                load(server, batches, dim);
                System.out.printf("%s: loaded %d vectors as JSON in %.1f s (%.0f vectors/s)%n", name(server, sqlite),
                        n, (System.nanoTime() - started) / 1e9, n / ((System.nanoTime() - started) / 1e9));
            }
            for (BenchServer server : List.of(sqlite, node1, sqlite, node1)) {
                System.out.printf("%s: one client %s; %d clients %.0f q/s%n", name(server, sqlite),
                        latencies(server, probes, queries), threads,
                        throughput(List.of(server), probes, threads, seconds));
            }
            try (PostgresStore store = PostgresStore.open(url)) {
                long[] nanos = new long[2_000];
                for (int i = 0; i < nanos.length; i++) {
                    long started = System.nanoTime();
                    store.lastChange();
                    nanos[i] = System.nanoTime() - started;
                }
                System.out.printf("catch-up check alone (SELECT max(seq) FROM changes, nothing to apply): %s%n",
                        new Latencies(nanos));
            }
            long joinStarted = System.nanoTime();
            try (BenchServer node2 = new BenchServer(Map.of("MOORCHEH_DATABASE_URL", url))) {
                System.out.printf("node 2 joining a database of %d items: serving after %.1f s%n", n,
                        (System.nanoTime() - joinStarted) / 1e9);
                node2.post("/search", probes.get(0));
                for (int round = 0; round < 2; round++) {
                    System.out.printf("1 node: %.0f q/s; 2 nodes (clients split between them): %.0f q/s%n",
                            throughput(List.of(node1), probes, threads, seconds),
                            throughput(List.of(node1, node2), probes, threads, seconds));
                }
            }
        } finally {
            PostgresServer.shared().drop(url);
        }
        System.out.println("command: bench/run ClusterBench --n " + n + " --dim " + dim + " --queries " + queries
                + " --threads " + threads + " --seconds " + seconds);
    }

    private static String name(BenchServer server, BenchServer sqlite) {
        return server == sqlite ? "SQLite    " : "PostgreSQL";
    }

    private static void load(BenchServer server, List<byte[]> batches, int dim) throws Exception {
        server.post("/namespaces", ("{\"namespace_name\":\"bench\",\"type\":\"vector\",\"vector_dimension\":" + dim
                + "}").getBytes(StandardCharsets.UTF_8));
        List<String> jobs = new ArrayList<>();
        for (byte[] batch : batches) {
            jobs.add(server.post("/namespaces/bench/vectors", batch).get("job_id").asText());
        }
        for (String job : jobs) {
            server.awaitUpload("bench", job);
        }
    }

    private static String latencies(BenchServer server, List<byte[]> probes, int queries) throws Exception {
        for (int i = 0; i < 500; i++) {
            server.post("/search", probes.get(i % probes.size()));
        }
        long[] nanos = new long[queries];
        long[] serverNanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            long started = System.nanoTime();
            JsonNode answer = server.post("/search", probes.get(i % probes.size()));
            nanos[i] = System.nanoTime() - started;
            JsonNode total = answer.path("timings").path("total");
            serverNanos[i] = (long) (total.asDouble() * 1e9);
        }
        return "round trip " + new Latencies(nanos) + " (server timings.total " + new Latencies(serverNanos) + ")";
    }

    private static double throughput(List<BenchServer> nodes, List<byte[]> probes, int threads, int seconds)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            BenchServer node = nodes.get(t % nodes.size());
            int offset = t * 37;
            running.add(clients.submit(() -> {
                int i = offset;
                while (System.nanoTime() < deadline) {
                    node.post("/search", probes.get(i++ % probes.size()));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return done.get() / (double) seconds;
    }

    private static float[] gaussian(Random random, int dim, float[] centre, float spread) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) random.nextGaussian() * spread + (centre == null ? 0 : centre[d]);
        }
        return v;
    }

    private static String json(float[] vector) {
        StringBuilder text = new StringBuilder("[");
        for (int d = 0; d < vector.length; d++) {
            text.append(d == 0 ? "" : ",").append(vector[d]);
        }
        return text.append(']').toString();
    }
}
