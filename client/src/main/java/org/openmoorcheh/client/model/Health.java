package org.openmoorcheh.client.model;

/** {@code GET /health}. */
public record Health(String status, String embeddingProvider, String model, String llmProvider, String llmModel,
                     long items, long maxItems, long remaining) {
}
