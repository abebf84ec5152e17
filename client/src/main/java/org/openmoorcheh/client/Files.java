package org.openmoorcheh.client;

import static org.openmoorcheh.client.Transport.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.client.model.FileDeleteStarted;
import org.openmoorcheh.client.model.FileInfo;
import org.openmoorcheh.client.model.FileJob;
import org.openmoorcheh.client.model.FileRef;
import org.openmoorcheh.client.model.FilesStarted;

/** Files the server parses, chunks and indexes: by server path, or uploaded from this machine. */
public final class Files {

    private final Transport transport;

    Files(Transport transport) {
        this.transport = transport;
    }

    /** Ingests files already on the server's disk (paths like {@code /uploads/report.pdf}). */
    public FilesStarted ingest(String namespace, List<FileRef> files) {
        return transport.convert(transport.post(path(namespace), Map.of("files", files.stream().map(FileRef::body).toList())),
                FilesStarted.class);
    }

    /** Sends a local file to the server ({@code POST .../files/upload}), which stores and ingests it. */
    public FilesStarted upload(String namespace, Path file, boolean forceReindex, Map<String, Object> metadata) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("force_reindex", Boolean.toString(forceReindex));
        if (metadata != null && !metadata.isEmpty()) {
            try {
                fields.put("metadata", transport.mapper.writeValueAsString(metadata));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("metadata cannot be written as JSON", e);
            }
        }
        return transport.convert(transport.postFile(path(namespace) + "/upload", "file", file, fields),
                FilesStarted.class);
    }

    public List<FileInfo> list(String namespace) {
        return transport.mapper.convertValue(transport.get(path(namespace)).path("files"),
                new TypeReference<List<FileInfo>>() { });
    }

    public FileInfo get(String namespace, String fileId) {
        return transport.convert(transport.get(path(namespace) + "/" + segment(fileId)).path("file"), FileInfo.class);
    }

    public FileDeleteStarted deleteById(String namespace, String fileId) {
        return delete(namespace, Map.of("file_id", fileId));
    }

    public FileDeleteStarted deleteByPath(String namespace, String path) {
        return delete(namespace, Map.of("path", path));
    }

    private FileDeleteStarted delete(String namespace, Map<String, String> body) {
        return transport.convert(transport.post(path(namespace) + "/delete", body), FileDeleteStarted.class);
    }

    public FileJob job(String namespace, String jobId) {
        return transport.convert(transport.get(Items.path(namespace) + "/file-jobs/" + segment(jobId)), FileJob.class);
    }

    public FileJob waitFor(String namespace, String jobId, Duration timeout, Duration interval) {
        return Polling.until(() -> job(namespace, jobId), FileJob::isRunning, timeout, interval, "file job " + jobId);
    }

    private static String path(String namespace) {
        return Items.path(namespace) + "/files";
    }
}
