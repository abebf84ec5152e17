package org.openmoorcheh.client.model;

/** {@code GET .../file-jobs/{job_id}} for {@code file_ingest} and {@code file_delete} jobs. */
public record FileJob(String jobId, String jobType, String namespaceName, String status, String fileId,
                      String absolutePath, long chunksTotal, long chunksProcessed, long summariesCreated,
                      long itemsDeleted, String lastError, String startedAt, String updatedAt, String finishedAt) {

    public boolean isRunning() {
        return "running".equals(status);
    }
}
