package org.openmoorcheh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Brute-force cosine search over float vectors: the reference every faster search is measured against. */
final class ExactSearch {

    private ExactSearch() {
    }

    /** Ids of the k most cosine-similar vectors, best first; ties go to the lower index. */
    static List<String> topIds(float[] query, List<float[]> vectors, List<String> ids, int k) {
        double queryNorm = norm(query);
        PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> a[0] != b[0]
                ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += query[d] * v[d];
            }
            double cosine = dot / (queryNorm * norm(v) + 1e-30);
            best.add(new double[] {cosine, i});
            if (best.size() > k) {
                best.poll();
            }
        }
        List<String> ranked = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            ranked.add(0, ids.get((int) best.poll()[1]));
        }
        return ranked;
    }

    /**
     * For each probe, the ordinals of its k most cosine-similar items, best first; probes run in
     * parallel on every core (the truth of a bench over many items takes minutes on one).
     */
    static List<List<Integer>> topOrdinals(float[][] items, float[][] probes, int k) throws Exception {
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<float[]> all = java.util.Arrays.asList(items);
            List<String> ids = new java.util.AbstractList<>() {
                @Override
                public String get(int index) {
                    return Integer.toString(index);
                }

                @Override
                public int size() {
                    return items.length;
                }
            };
            List<java.util.concurrent.Future<List<Integer>>> futures = new ArrayList<>();
            for (float[] probe : probes) {
                futures.add(pool.submit(() -> topIds(probe, all, ids, k).stream().map(Integer::parseInt).toList()));
            }
            List<List<Integer>> truth = new ArrayList<>();
            for (java.util.concurrent.Future<List<Integer>> future : futures) {
                truth.add(future.get());
            }
            return truth;
        } finally {
            pool.shutdownNow();
        }
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
