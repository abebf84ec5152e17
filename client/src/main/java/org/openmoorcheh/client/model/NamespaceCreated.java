package org.openmoorcheh.client.model;

public record NamespaceCreated(String status, String message, String namespaceName, String type,
                               Integer vectorDimension) {
}
