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

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
