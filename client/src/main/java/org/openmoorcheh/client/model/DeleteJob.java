package org.openmoorcheh.client.model;

/** {@code GET .../delete-jobs/{job_id}}. */
public record DeleteJob(String jobId, String namespaceName, String status, long totalItems, long deletedItems,
                        String lastError, String startedAt, String updatedAt, String finishedAt) {

    public boolean isRunning() {
        return "running".equals(status);
    }
}
