package org.openmoorcheh.server.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cohere embeddings ({@code POST {base}/embed}, v2). Cohere's models embed documents and queries
 * differently, so uploads send {@code input_type: search_document} and searches
 * {@code search_query}. Batches are cut to Cohere's limit of 96 texts per call.
 */
final class CohereEmbedder implements Embedder {

    private static final int MAX_TEXTS_PER_CALL = 96;

    private final String model;
    private final CohereClient client;

    CohereEmbedder(String model, CohereClient client) {
        this.model = model;
        this.client = client;
    }

    @Override
    public String provider() {
        return "cohere";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += MAX_TEXTS_PER_CALL) {
            vectors.addAll(call(texts.subList(from, Math.min(texts.size(), from + MAX_TEXTS_PER_CALL)),
                    "search_document"));
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String text) {
        return call(List.of(text), "search_query").get(0);
    }

    private List<float[]> call(List<String> texts, String inputType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("texts", texts);
        body.put("input_type", inputType);
        body.put("embedding_types", List.of("float"));
        JsonNode answer = client.post("/embed", body, this::failure);
        JsonNode rows = answer.path("embeddings").path("float");
        if (!rows.isArray() || rows.size() != texts.size()) {
            throw failure("returned " + (rows.isArray() ? rows.size() : "no") + " float embeddings for "
                    + texts.size() + " texts", null, false);
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (JsonNode row : rows) {
            float[] vector = new float[row.size()];
            for (int i = 0; i < vector.length; i++) {
                JsonNode value = row.get(i);
                if (!value.isNumber()) {
                    throw failure("returned an embedding with a non-numeric value", null, false);
                }
                vector[i] = value.floatValue();
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private EmbeddingException failure(String problem, Throwable cause, boolean unavailable) {
        return new EmbeddingException("embedding provider cohere (" + model + " at " + client.baseUrl() + ") "
                + problem, cause, unavailable);
    }
}
