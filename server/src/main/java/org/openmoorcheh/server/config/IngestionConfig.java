package org.openmoorcheh.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How files are read and cut.
 *
 * @param chunkSize longest file chunk in characters ({@code MOORCHEH_CHUNK_SIZE}, default 800: about
 *     the 256 word pieces the default embedding model reads)
 * @param chunkOverlap characters shared by consecutive chunks ({@code MOORCHEH_CHUNK_OVERLAP}, default 100)
 * @param allowedUploadPaths folders whose files may be ingested by path ({@code ALLOWED_UPLOAD_PATHS},
 *     comma-separated; uploaded files are kept in the first)
 */
public record IngestionConfig(int chunkSize, int chunkOverlap, List<Path> allowedUploadPaths) {

    public IngestionConfig {
        if (chunkSize < 100 || chunkOverlap < 0 || chunkOverlap >= chunkSize / 2) {
            throw new IllegalArgumentException("MOORCHEH_CHUNK_SIZE must be >= 100 and MOORCHEH_CHUNK_OVERLAP"
                    + " from 0 to less than half of it, got " + chunkSize + " and " + chunkOverlap);
        }
        if (allowedUploadPaths.isEmpty()) {
            throw new IllegalArgumentException("ALLOWED_UPLOAD_PATHS must name at least one folder");
        }
        allowedUploadPaths = allowedUploadPaths.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }
}
