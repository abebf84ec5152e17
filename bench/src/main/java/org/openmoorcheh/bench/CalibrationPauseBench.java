package org.openmoorcheh.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openmoorcheh.engine.index.Calibration;
import org.openmoorcheh.engine.index.NamespaceIndex;

/**
 * How long a namespace's maintenance takes and how long it holds up searches and writes of that
 * namespace, at {@code --n} items (default 1,048,576: the doubling after 524,288).
 *
 * <p>The index is filled as if calibrated at n/2, so the first {@code calibrateIfDue} re-estimates
 * every threshold and re-encodes every code ({@code --phases calibrate}). Then 60% of the items are
 * deleted and the dead slots are reclaimed ({@code reclaim}). While each phase runs, one thread
 * searches the namespace without pause and another upserts one item at a time into it (1 ms apart);
 * reported are the phase's duration and the latencies of the searches and writes made meanwhile,
 * beside those of the second before it.
 */
public final class CalibrationPauseBench {

    private CalibrationPauseBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int n = args.number("n", 1 << 20);
        int dim = args.number("dim", 384);
        List<String> phases = List.of(args.text("phases", "calibrate,reclaim").split(","));
        System.out.printf("CalibrationPauseBench: %d x %d-d vectors, %d cores, max heap %s%n", n, dim,
                Runtime.getRuntime().availableProcessors(), HeapPeak.mib(Runtime.getRuntime().maxMemory()));
        Random random = new Random(7);
        // Clustered like SearchBench: on structureless noise every search is an exact scan.
        float[][] centres = new float[1000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = vector(random, dim, null, 1.0f);
        }
        NamespaceIndex index = new NamespaceIndex(dim, new Calibration(new float[dim], n / 2));
        long fillStart = System.nanoTime();
        int batch = 10_000;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            List<String> ids = new ArrayList<>(to - from);
            List<float[]> vectors = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ids.add("item-" + i);
                vectors.add(vector(random, dim, centres[random.nextInt(centres.length)], 0.35f));
            }
            index.upsert(ids, vectors);
        }
        System.out.printf("filled in %.1f s%n", (System.nanoTime() - fillStart) / 1e9);
        float[] query = vector(random, dim, centres[0], 0.35f);
        for (int i = 0; i < 20; i++) {
            index.search(query, 10, null, null, 1);
        }
        if (phases.contains("calibrate")) {
            underLoad(index, query, centres, "recalibration", () -> index.calibrateIfDue().isPresent()
                    ? "made at " + index.calibration().calibratedAt() + " items" : "NOT due");
        }
        if (phases.contains("reclaim")) {
            // 60% deleted: reclaiming is due once the dead slots outnumber the live ones.
            List<String> half = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (i % 5 < 3) {
                    half.add("item-" + i);
                }
            }
            index.delete(half);
            underLoad(index, query, centres, "reclaim of " + half.size() + " dead slots", () -> {
                index.maintain();
                return "done, " + index.size() + " live items";
            });
        }
    }

    private static void underLoad(NamespaceIndex index, float[] query, float[][] centres, String name,
                                  Supplier<String> phase) throws InterruptedException {
        int dim = index.dimension();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        ConcurrentLinkedQueue<Long> searchTimes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> writeTimes = new ConcurrentLinkedQueue<>();
        Thread searcher = new Thread(() -> {
            while (running.get()) {
                long start = System.nanoTime();
                index.search(query, 10, null, null, 1);
                searchTimes.add(System.nanoTime() - start);
            }
        }, "bench-searcher");
        Random writerRandom = new Random(1);
        Thread writer = new Thread(() -> {
            while (running.get()) {
                List<String> id = List.of("written-" + written.incrementAndGet());
                List<float[]> vector = List.of(vector(writerRandom, dim,
                        centres[writerRandom.nextInt(centres.length)], 0.35f));
                long start = System.nanoTime();
                index.upsert(id, vector);
                writeTimes.add(System.nanoTime() - start);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "bench-writer");
        searcher.start();
        writer.start();
        Thread.sleep(1000);
        System.out.printf("the second before the %s: searches %s; writes %s%n", name, latencies(searchTimes),
                latencies(writeTimes));
        searchTimes.clear();
        writeTimes.clear();
        long start = System.nanoTime();
        String outcome = phase.get();
        long took = System.nanoTime() - start;
        running.set(false);
        searcher.join();
        writer.join();
        System.out.printf("%s %s, took %.0f ms; meanwhile searches %s; writes %s%n", name, outcome, took / 1e6,
                latencies(searchTimes), latencies(writeTimes));
    }

    private static String latencies(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
        return String.format("%d, %s, max %.1f ms", all.length, new Latencies(all),
                Arrays.stream(all).max().getAsLong() / 1e6);
    }

    private static float[] vector(Random random, int dim, float[] centre, float spread) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) random.nextGaussian() * spread + (centre == null ? 0.1f : centre[d]);
        }
        return v;
    }
}
