package org.openmoorcheh.server.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.files.AllowedFiles;
import org.openmoorcheh.server.files.UploadFolder;
import org.openmoorcheh.server.jobs.JobIds;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.store.FileEntry;
import org.openmoorcheh.store.FileRecord;
import org.openmoorcheh.store.FileStatus;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file endpoints (spec 2.12-2.16): admits files into an ingest job after checking every path
 * (a request with one refused path is refused whole, nothing started), skips files unchanged since
 * they were indexed (same size and modification time) unless {@code force_reindex}, and reads the
 * registry. The parsing and embedding happen in the job.
 */
public final class FileService {

    /** Most files one request may name. */
    public static final int MAX_FILES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

    /** One file the client asked to ingest. */
    public record Request(String path, boolean forceReindex, String metadataJson) {
    }

    /** A file left alone because it is already indexed as it is. */
    public record Skipped(String fileId, String absolutePath, String message) {
    }

    /** The outcome of an ingest request; {@code job} is empty when every file was skipped. */
    public record Admission(Optional<Job> job, String namespace, int total, int ingesting, List<Skipped> skipped) {
    }

    /** A registry entry as reported: {@code status} is {@code file_missing} when an indexed source is gone. */
    public record FileView(FileRecord file, String status, boolean pathExists) {
    }

    private final Store store;
    private final Clock clock;
    private final JobRunner jobs;
    private final NamespaceService namespaces;
    private final AllowedFiles files;
    private final UploadFolder uploads;

    public FileService(Store store, Clock clock, JobRunner jobs, NamespaceService namespaces, AllowedFiles files) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
        this.namespaces = namespaces;
        this.files = files;
        this.uploads = new UploadFolder(files);
    }

    /** @throws NotFoundException unknown namespace; InvalidRequestException vector namespace or any refused path; ConflictException other model */
    public Admission ingest(String namespaceName, List<Request> requests) {
        Namespace namespace = textNamespace(namespaceName);
        List<FileEntry> ingesting = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            AllowedFiles.Checked checked;
            try {
                checked = files.check(request.path());
            } catch (AllowedFiles.Refused e) {
                throw new InvalidRequestException("files[" + i + "]: " + e.getMessage() + ".");
            }
            String fileId = AllowedFiles.fileId(namespaceName, checked.absolutePath());
            if (!seen.add(fileId)) {
                throw new InvalidRequestException("files[" + i + "]: '" + checked.absolutePath() + "' is named twice.");
            }
            Optional<FileRecord> known = store.findFile(namespace.id(), fileId);
            if (!request.forceReindex() && known.isPresent() && unchanged(known.get(), checked)) {
                skipped.add(new Skipped(fileId, checked.absolutePath(),
                        "File is already indexed and unchanged; set force_reindex to index it again."));
                continue;
            }
            ingesting.add(new FileEntry(ingesting.size(), fileId, checked.absolutePath(), checked.filename(),
                    checked.fileType(), request.metadataJson()));
        }
        Optional<Job> job = Optional.empty();
        if (!ingesting.isEmpty()) {
            jobs.checkRoom();
            job = Optional.of(store.startFileIngest(namespace.id(), JobIds.next(), ingesting, clock.instant())
                    .orElseThrow(() -> notFound(namespaceName)));
            jobs.wake();
        }
        return new Admission(job, namespaceName, requests.size(), ingesting.size(), skipped);
    }

    /**
     * Stores an uploaded file under {@code <first allowed root>/<namespace>/<filename>} (replacing a
     * file of that name atomically) and ingests it like a path request.
     */
    public Admission upload(String namespaceName, String filename, InputStream content, boolean forceReindex,
                            String metadataJson) {
        textNamespace(namespaceName);
        Path target = uploads.store(namespaceName, filename, content);
        return ingest(namespaceName, List.of(new Request(files.containerPath(target), forceReindex, metadataJson)));
    }


    /** What became of one file named for deletion. */
    public record NameDeletion(String fileName, boolean deleted, String message) {
    }

    /**
     * Deletes files by their names (the cloud API's way): every registered file of the namespace with
     * that name starts a delete job, and a copy uploaded over HTTP is removed from the upload folder.
     *
     * @throws NotFoundException for an unknown namespace
     */
    public List<NameDeletion> deleteByName(String namespaceName, List<String> fileNames) {
        Namespace namespace = namespaces.active(namespaceName);
        List<FileRecord> registered = store.listFiles(namespace.id());
        List<NameDeletion> outcomes = new ArrayList<>();
        for (String name : fileNames) {
            List<FileRecord> matching = registered.stream().filter(file -> file.filename().equals(name)).toList();
            if (matching.isEmpty()) {
                outcomes.add(new NameDeletion(name, false, "File '" + name + "' not found in namespace '"
                        + namespaceName + "'."));
                continue;
            }
            for (FileRecord file : matching) {
                store.startFileDelete(namespace.id(), JobIds.next(), file.fileId(), clock.instant());
            }
            jobs.wake();
            try {
                uploads.delete(namespaceName, name);
            } catch (IOException e) {
                LOG.info("uploaded copy of '{}' in namespace {} not removed: {}", name, namespaceName, e.toString());
            }
            outcomes.add(new NameDeletion(name, true, "File '" + name + "' deleted."));
        }
        return outcomes;
    }


    public List<FileView> list(String namespaceName) {
        Namespace namespace = namespaces.active(namespaceName);
        return store.listFiles(namespace.id()).stream().map(this::view).toList();
    }

    public FileView get(String namespaceName, String fileId) {
        Namespace namespace = namespaces.active(namespaceName);
        return store.findFile(namespace.id(), fileId).map(this::view)
                .orElseThrow(() -> fileNotFound(fileId, namespaceName));
    }

    /**
     * Starts deleting a registered file, named by exactly one of its path and its id.
     *
     * @throws InvalidRequestException both or neither given; NotFoundException unknown namespace or file
     */
    public Job delete(String namespaceName, String path, String fileId) {
        if ((path == null) == (fileId == null)) {
            throw new InvalidRequestException("Give exactly one of 'path' and 'file_id'.");
        }
        Namespace namespace = namespaces.active(namespaceName);
        String id = fileId;
        if (path != null) {
            if (!path.startsWith("/") || path.contains("/../")) {
                throw new InvalidRequestException("'path' must be the absolute path the file was ingested with.");
            }
            try {
                id = AllowedFiles.fileId(namespaceName, Path.of(path).normalize().toString());
            } catch (InvalidPathException e) {
                throw new InvalidRequestException("'path' is not a path this server can open.");
            }
        }
        String wanted = id;
        Job job = store.startFileDelete(namespace.id(), JobIds.next(), id, clock.instant())
                .orElseThrow(() -> fileNotFound(path != null ? path : wanted, namespaceName));
        jobs.wake();
        return job;
    }

    public Job fileJob(String namespaceName, String jobId) {
        return store.findJob(jobId)
                .filter(job -> (job.kind() == JobKind.FILE_INGEST || job.kind() == JobKind.FILE_DELETE)
                        && job.namespaceName().equals(namespaceName))
                .orElseThrow(() -> new NotFoundException(
                        "File job '" + jobId + "' not found for namespace '" + namespaceName + "'."));
    }

    private Namespace textNamespace(String name) {
        return namespaces.activeText(name, "files go into text namespaces");
    }

    private FileView view(FileRecord file) {
        boolean exists = files.exists(file.absolutePath());
        String status = file.status() == FileStatus.INDEXED && !exists ? "file_missing" : file.status().wireName();
        return new FileView(file, status, exists);
    }

    private static boolean unchanged(FileRecord known, AllowedFiles.Checked checked) {
        return known.status() == FileStatus.INDEXED
                && known.fileSize() != null && known.fileSize() == checked.size()
                && known.fileMtime() != null && known.fileMtime().toEpochMilli() == checked.mtime().toEpochMilli();
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("Namespace '" + name + "' not found.");
    }

    private static NotFoundException fileNotFound(String file, String namespace) {
        return new NotFoundException("File '" + file + "' not found in namespace '" + namespace + "'.");
    }
}
