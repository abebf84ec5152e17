package org.openmoorcheh.store;

import java.util.Objects;

/**
 * A file accepted into an ingest job, as its payload records it.
 *
 * @param position the entry's place in the job, from 0
 * @param metadataJson the custom keys of the file entry, a JSON object text
 */
public record FileEntry(int position, String fileId, String absolutePath, String filename, String fileType,
                        String metadataJson) {

    public FileEntry {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(absolutePath, "absolutePath");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(fileType, "fileType");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }
}
