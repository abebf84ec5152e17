package org.openmoorcheh.client.model;

import java.util.List;
import java.util.Map;

public record SearchResponse(List<Hit> results, double executionTime, Map<String, Double> timings) {

    /**
     * One result: {@code score} in [0, 1] with its {@code label}; {@code text} is empty for vectors;
     * {@code similarity} (exact cosine) and {@code vector} only when the search asked for them.
     */
    public record Hit(String id, String namespace, double score, String label, Map<String, Object> metadata,
                      String text, Double similarity, float[] vector) {

        public Hit(String id, String namespace, double score, String label, Map<String, Object> metadata,
                   String text) {
            this(id, namespace, score, label, metadata, text, null, null);
        }
    }
}
