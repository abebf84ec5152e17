package org.openmoorcheh.client.model;

import java.util.List;

/** The answer to a file ingest: {@code jobId} is null when every file was skipped as unchanged. */
public record FilesStarted(String status, String message, String jobId, String namespaceName, int total,
                           int ingesting, List<Skipped> skipped) {

    public record Skipped(String fileId, String absolutePath, String message) {
    }
}
