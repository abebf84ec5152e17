package org.openmoorcheh.client.model;

import java.util.Map;

/** A registered file ({@code GET .../files}). */
public record FileInfo(String fileId, String absolutePath, String filename, String fileType, Long fileSize,
                       String fileMtime, long chunkCount, long summaryCount, String status, boolean pathExists,
                       String ingestedAt, String lastError, Map<String, Object> metadata) {
}
