package org.openmoorcheh.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search: a text or a vector query over one or more namespaces. Built fluently:
 * {@code SearchRequest.text("kittens", "docs").topK(5)}.
 */
public record SearchRequest(Object query, List<String> namespaces, Integer topK, Double threshold, boolean kioskMode) {

    public static SearchRequest text(String query, String... namespaces) {
        return new SearchRequest(query, List.of(namespaces), null, null, false);
    }

    public static SearchRequest vector(float[] query, String... namespaces) {
        return new SearchRequest(query.clone(), List.of(namespaces), null, null, false);
    }

    public SearchRequest topK(int topK) {
        return new SearchRequest(query, namespaces, topK, threshold, kioskMode);
    }

    /** Keeps only hits scoring at least {@code threshold} (kiosk mode). */
    public SearchRequest threshold(double threshold) {
        return new SearchRequest(query, namespaces, topK, threshold, true);
    }

    /** The JSON body, with only the fields that are set. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("namespaces", namespaces);
        if (topK != null) {
            body.put("top_k", topK);
        }
        if (threshold != null) {
            body.put("threshold", threshold);
        }
        if (kioskMode) {
            body.put("kiosk_mode", true);
        }
        return body;
    }
}
