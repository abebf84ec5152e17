package org.openmoorcheh.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search: a text or a vector query over one or more namespaces. Built fluently:
 * {@code SearchRequest.text("kittens", "docs").topK(5)}.
 *
 * @param filter a structured metadata filter in operator form (docs/API-NOTES.md), or null
 * @param includeSimilarity whether each hit reports its exact cosine similarity
 * @param includeVectors whether each hit carries its stored vector
 */
public record SearchRequest(Object query, List<String> namespaces, Integer topK, Double threshold, boolean kioskMode,
                            Map<String, Object> filter, boolean includeSimilarity, boolean includeVectors) {

    public SearchRequest(Object query, List<String> namespaces, Integer topK, Double threshold, boolean kioskMode) {
        this(query, namespaces, topK, threshold, kioskMode, null, false, false);
    }

    public static SearchRequest text(String query, String... namespaces) {
        return new SearchRequest(query, List.of(namespaces), null, null, false);
    }

    public static SearchRequest vector(float[] query, String... namespaces) {
        return new SearchRequest(query.clone(), List.of(namespaces), null, null, false);
    }

    public SearchRequest topK(int topK) {
        return new SearchRequest(query, namespaces, topK, threshold, kioskMode, filter, includeSimilarity,
                includeVectors);
    }

    /** Keeps only hits scoring at least {@code threshold} (kiosk mode). */
    public SearchRequest threshold(double threshold) {
        return new SearchRequest(query, namespaces, topK, threshold, true, filter, includeSimilarity, includeVectors);
    }

    /** Keeps only items whose metadata passes {@code filter}, e.g. {@code Map.of("year", Map.of("$gte", 2020))}. */
    public SearchRequest filter(Map<String, Object> filter) {
        return new SearchRequest(query, namespaces, topK, threshold, kioskMode, filter, includeSimilarity,
                includeVectors);
    }

    /** Asks for each hit's exact cosine similarity ({@code similarity}). */
    public SearchRequest withSimilarity() {
        return new SearchRequest(query, namespaces, topK, threshold, kioskMode, filter, true, includeVectors);
    }

    /** Asks for each hit's stored vector ({@code vector}). */
    public SearchRequest withVectors() {
        return new SearchRequest(query, namespaces, topK, threshold, kioskMode, filter, includeSimilarity, true);
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
        if (filter != null) {
            body.put("filter", filter);
        }
        if (includeSimilarity) {
            body.put("include_similarity", true);
        }
        if (includeVectors) {
            body.put("include_vectors", true);
        }
        return body;
    }
}
