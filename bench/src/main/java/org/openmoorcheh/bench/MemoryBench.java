package org.openmoorcheh.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's memory comes to, measured on a server process of its own (its RSS read from
 * {@code /proc}) for each JVM setting given, side by side in one run:
 * <ol>
 *   <li>idle after start-up (the local model loaded), and the live heap after a full GC;</li>
 *   <li>after {@code --items} vectors of {@code --dim} dimensions were uploaded: the live heap and the
 *       index's own figures per item, from which the heap per million items follows;</li>
 *   <li>through a burst of {@code --clients} senders of maximum-size JSON uploads (just under
 *       {@code MOORCHEH_MAX_REQUEST_BYTES}) beside 4 searching clients: peak RSS, and how many requests
 *       were refused with 429 by the in-flight bounds.</li>
 * </ol>
 * {@code --jvm} lists the settings, separated by {@code |}; {@code default} means none (the JVM's own
 * choice, a quarter of the machine's memory).
 */
public final class MemoryBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private MemoryBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int items = args.number("items", 200_000);
        int dimension = args.number("dim", 384);
        int clients = args.number("clients", 8);
        int bursts = args.number("bursts", 3);
        String[] settings = args.text("jvm", "default|-Xmx1g -XX:MaxDirectMemorySize=2g").split("\\|");
        System.out.printf("MemoryBench: %,d vectors x %d dims, then %d clients x %d uploads of ~32 MiB of JSON"
                + " beside 4 searching clients; %d cores, %s MiB of memory%n", items, dimension, clients, bursts,
                Runtime.getRuntime().availableProcessors(), machineMib());
        System.out.println("| JVM | RSS idle | live heap idle | RSS loaded | live heap loaded | heap per item"
                + " | vectors off heap | peak RSS in burst | uploads ok / 429 | searches / 429 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String setting : settings) {
            run(setting.trim(), items, dimension, clients, bursts);
        }
    }

    private static void run(String setting, int items, int dimension, int clients, int bursts) throws Exception {
        Path dir = Files.createTempDirectory("moorcheh-memory");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!setting.equals("default")) {
            command.addAll(List.of(setting.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.openmoorcheh.server.Main"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("MOORCHEH_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("MOORCHEH_MAX_ITEMS", "100000000");
        builder.environment().put("MOORCHEH_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process server = builder.start();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitReady(base, server);
            long rssIdle = rss(server.pid());
            long heapIdle = liveHeap(server.pid(), base);

            send(base, "/namespaces", "{\"namespace_name\":\"mem\",\"type\":\"vector\",\"vector_dimension\":"
                    + dimension + "}");
            Random random = new Random(7);
            for (int from = 0; from < items; from += 1_000) {
                int status = send(base, "/namespaces/mem/vectors", vectors(random, "v", from, Math.min(1_000, items - from), dimension));
                if (status >= 300) {
                    throw new IllegalStateException("upload answered " + status);
                }
            }
            long rssLoaded = rss(server.pid());
            long heapLoaded = liveHeap(server.pid(), base);
            long vectorBytes = metric(base, "moorcheh_index_bytes\\{part=\"vectors_off_heap\"\\}");

            // The burst: maximum-size uploads from every client at once, searches beside them.
            int perBody = (int) ((32L * 1024 * 1024 - 64 * 1024) / (dimension * 11L + 20));
            String body = vectors(new Random(11), "burst", 0, perBody, dimension);
            AtomicLong peak = new AtomicLong(rssLoaded);
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger searchesRefused = new AtomicInteger();
            AtomicInteger searches = new AtomicInteger();
            AtomicInteger stored = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients + 5);
            try {
                pool.submit(() -> {
                    while (!done.get()) {
                        peak.accumulateAndGet(rss(server.pid()), Math::max);
                        Thread.sleep(50);
                    }
                    return null;
                });
                for (int s = 0; s < 4; s++) {
                    int seed = s;
                    pool.submit(() -> {
                        Random queries = new Random(seed);
                        while (!done.get()) {
                            StringBuilder query = new StringBuilder("{\"namespaces\":[\"mem\"],\"top_k\":10,\"query\":[");
                            for (int d = 0; d < dimension; d++) {
                                query.append(d == 0 ? "" : ",").append((float) queries.nextGaussian());
                            }
                            if (send(base, "/search", query.append("]}").toString()) == 429) {
                                searchesRefused.incrementAndGet();
                            }
                            searches.incrementAndGet();
                        }
                        return null;
                    });
                }
                List<Future<?>> senders = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    senders.add(pool.submit(() -> {
                        for (int b = 0; b < bursts; b++) {
                            int status = send(base, "/namespaces/mem/vectors", body);
                            if (status == 429) {
                                refused.incrementAndGet();
                            } else if (status < 300) {
                                stored.incrementAndGet();
                            } else {
                                throw new IllegalStateException("burst upload answered " + status);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            } finally {
                done.set(true);
                pool.shutdown();
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %,d B | %s | %s | %d / %d | %d / %d |%n", setting,
                    mib(rssIdle), mib(heapIdle), mib(rssLoaded), mib(heapLoaded), (heapLoaded - heapIdle) / items,
                    mib(vectorBytes), mib(peak.get()), stored.get(), refused.get(), searches.get(), searchesRefused.get());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static String vectors(Random random, String prefix, int from, int count, int dimension) {
        StringBuilder json = new StringBuilder(count * dimension * 11 + 32).append("{\"vectors\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append('-').append(from + i)
                    .append("\",\"vector\":[");
            for (int d = 0; d < dimension; d++) {
                json.append(d == 0 ? "" : ",").append((float) random.nextGaussian());
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    private static int send(String base, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitReady(String base, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited with " + server.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready within 2 minutes");
    }

    /** The heap in use after a full collection (jcmd GC.run), as the server's metrics report it. */
    private static long liveHeap(long pid, String base) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return metric(base, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\}");
    }

    /** The sum of the samples of a metric whose name and labels match. */
    private static long metric(String base, String series) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher sample = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        double sum = 0;
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(1));
        }
        return (long) sum;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    private static String machineMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format("%,d", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
            }
        }
        return "?";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1024.0 / 1024.0);
    }
}
