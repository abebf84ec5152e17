package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.openmoorcheh.server.service.FileService;

/** The file endpoints: ingest by path or by upload, list, get, delete, job status. */
public final class FileHandlers {

    private final FileService files;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    public FileHandlers(FileService files, RequestBodies bodies, ObjectMapper mapper) {
        this.files = files;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    public void ingest(Context ctx) {
        var requests = FileRequests.ingest(bodies.object(ctx), mapper);
        var admission = files.ingest(ctx.pathParam("namespace_name"), requests);
        ctx.status(admission.job().isPresent() ? 202 : 200).json(FileWire.Started.of(admission));
    }

    /** Multipart: one {@code file} part, optional {@code force_reindex} and {@code metadata} (JSON) fields. */
    public void upload(Context ctx) throws IOException {
        if (!ctx.isMultipartFormData()) {
            throw ApiException.badRequest("Send the file as multipart/form-data with a 'file' part.");
        }
        List<UploadedFile> uploaded = MultipartBodies.read(() -> ctx.uploadedFiles("file"));
        if (uploaded.size() != 1) {
            throw ApiException.badRequest("Send exactly one 'file' part; got " + uploaded.size() + ".");
        }
        String force = MultipartBodies.read(() -> ctx.formParam("force_reindex"));
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw ApiException.badRequest("'force_reindex' must be true or false.");
        }
        String metadata = FileRequests.formMetadata(MultipartBodies.read(() -> ctx.formParam("metadata")), mapper);
        UploadedFile file = uploaded.get(0);
        FileService.Admission admission;
        try (InputStream content = file.content()) {
            admission = files.upload(ctx.pathParam("namespace_name"), file.filename(), content,
                    "true".equals(force), metadata);
        }
        ctx.status(admission.job().isPresent() ? 202 : 200).json(FileWire.Started.of(admission));
    }

    public void list(Context ctx) {
        var entries = files.list(ctx.pathParam("namespace_name")).stream()
                .map(view -> FileWire.Entry.of(view, mapper)).toList();
        ctx.json(new FileWire.Listing("success", entries.size(), entries));
    }

    public void get(Context ctx) {
        var view = files.get(ctx.pathParam("namespace_name"), ctx.pathParam("file_id"));
        ctx.json(new FileWire.One("success", FileWire.Entry.of(view, mapper)));
    }

    public void delete(Context ctx) {
        ObjectNode body = bodies.object(ctx);
        var job = files.delete(ctx.pathParam("namespace_name"), FileRequests.optionalString(body, "path"),
                FileRequests.optionalString(body, "file_id"));
        ctx.status(202).json(FileWire.DeleteStarted.of(job));
    }

    public void fileJobStatus(Context ctx) {
        ctx.json(FileWire.FileJob.of(files.fileJob(ctx.pathParam("namespace_name"), ctx.pathParam("job_id"))));
    }
}
