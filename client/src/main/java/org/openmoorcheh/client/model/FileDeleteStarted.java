package org.openmoorcheh.client.model;

public record FileDeleteStarted(String status, String message, String jobId, String fileId, String namespaceName,
                                String absolutePath) {
}
