package org.openmoorcheh.client.model;

/** One namespace as {@code GET /namespaces} lists it; {@code vectorDimension} is null for text namespaces. */
public record NamespaceInfo(String namespaceName, String type, Integer vectorDimension, long itemCount,
                            String createdAt, String embeddingProvider, String embeddingModel) {
}
