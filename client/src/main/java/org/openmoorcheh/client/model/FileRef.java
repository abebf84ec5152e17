package org.openmoorcheh.client.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A file on the server's disk to ingest: its path ({@code /uploads/...}), whether to re-index it, custom metadata. */
public record FileRef(String path, boolean forceReindex, Map<String, Object> metadata) {

    public FileRef {
        Objects.requireNonNull(path, "path");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static FileRef of(String path) {
        return new FileRef(path, false, Map.of());
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(metadata);
        body.put("path", path);
        if (forceReindex) {
            body.put("force_reindex", true);
        }
        return body;
    }
}
