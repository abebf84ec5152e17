package org.openmoorcheh.client.model;

/** {@code GET .../upload-jobs/{job_id}}. */
public record UploadJob(String jobId, String namespaceName, String status, long total, long processed,
                        long successful, long failed, String lastError, String startedAt, String updatedAt,
                        String finishedAt) {

    public boolean isRunning() {
        return "running".equals(status);
    }
}
