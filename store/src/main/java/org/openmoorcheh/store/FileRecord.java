package org.openmoorcheh.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A file in a namespace's registry.
 *
 * @param absolutePath the path as the client named it; {@code fileId} is derived from it
 * @param fileType the extension with its dot, lower case ({@code .pdf})
 * @param fileSize bytes when last read; null before the first successful read
 * @param fileMtime modification time when last read; null before the first successful read
 * @param chunkCount content chunks of the indexed version (0 before the first success)
 * @param summaryCount summary chunks of the indexed version
 * @param ingestedAt when the current chunks were committed; null if never
 * @param metadataJson the custom keys of the file entry, a JSON object text
 */
public record FileRecord(
        String fileId,
        String absolutePath,
        String filename,
        String fileType,
        Long fileSize,
        Instant fileMtime,
        long chunkCount,
        long summaryCount,
        FileStatus status,
        Instant ingestedAt,
        String lastError,
        String metadataJson) {

    public FileRecord {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(absolutePath, "absolutePath");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(fileType, "fileType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }
}
