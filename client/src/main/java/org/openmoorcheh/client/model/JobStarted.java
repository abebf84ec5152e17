package org.openmoorcheh.client.model;

/** The 202 answer of an asynchronous call: the job to poll. {@code total} is set for uploads. */
public record JobStarted(String status, String message, String jobId, String namespaceName, Long total) {
}
