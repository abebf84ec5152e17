package org.openmoorcheh.server.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.TooLargeException;
import org.openmoorcheh.server.errors.InternalException;
import org.openmoorcheh.server.errors.ServiceException;
import org.openmoorcheh.server.files.AllowedFiles;
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
    /** Longest uploaded file name, in bytes of UTF-8: what common file systems allow. */
    public static final int MAX_NAME_BYTES = 255;
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

    public FileService(Store store, Clock clock, JobRunner jobs, NamespaceService namespaces, AllowedFiles files) {
        this.store = store;
        this.clock = clock;
        this.jobs = jobs;
        this.namespaces = namespaces;
        this.files = files;
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
        String safeName = uploadName(filename);
        Path folder = files.uploadRoot().resolve(namespaceName);
        Path target = folder.resolve(safeName);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidRequestException("The file name '" + safeName + "' is taken by a folder in the upload"
                    + " folder of namespace '" + namespaceName + "'; upload it under another name.");
        }
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, ".upload-", ".part");
            try {
                copyAtMost(content, partial, files.maxBytes());
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // The exception names paths on this machine: they go to the log, not to the client.
            LOG.warn("upload of '{}' into namespace {} could not be stored: {}", safeName, namespaceName, e.toString());
            throw new InternalException("The uploaded file '" + safeName
                    + "' could not be stored; the server log has the details.");
        }
        return ingest(namespaceName, List.of(new Request(files.containerPath(target), forceReindex, metadataJson)));
    }

    /** Copies a stream to a file, refusing (413) as soon as it passes {@code max} bytes: nothing larger is written. */
    private static void copyAtMost(InputStream content, Path target, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (var out = Files.newOutputStream(target)) {
            int read;
            while ((read = content.read(buffer)) >= 0) {
                total += read;
                if (total > max) {
                    throw new TooLargeException("The uploaded file is larger than the limit of " + max
                            + " bytes (MOORCHEH_MAX_FILE_BYTES).");
                }
                out.write(buffer, 0, read);
            }
        }
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
                Path uploaded = files.uploadRoot().resolve(namespaceName).resolve(uploadName(name));
                Files.deleteIfExists(uploaded);
            } catch (IOException | ServiceException e) {
                LOG.info("uploaded copy of '{}' in namespace {} not removed: {}", name, namespaceName, e.toString());
            }
            outcomes.add(new NameDeletion(name, true, "File '" + name + "' deleted."));
        }
        return outcomes;
    }

    /**
     * The last segment of the client's file name, checked before anything is written: a supported
     * extension (a refused file never lands in the upload folder), no hidden name, no NUL or
     * undecodable bytes, and short enough for a file system ({@value #MAX_NAME_BYTES} bytes of UTF-8).
     */
    public static String uploadName(String filename) {
        String given = filename == null ? "" : filename.replace('\\', '/');
        String safeName = given.substring(given.lastIndexOf('/') + 1).strip();
        if (safeName.isEmpty() || safeName.equals(".") || safeName.equals("..")) {
            throw new InvalidRequestException("The uploaded file needs a file name.");
        }
        if (safeName.indexOf('\0') >= 0 || safeName.indexOf('\uFFFD') >= 0
                || safeName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("The uploaded file's name holds a control character or bytes that are not"
                    + " valid UTF-8.");
        }
        // An unpaired surrogate cannot be stored as UTF-8 (the rule of api.RequestText, for a name
        // that reaches the service from a multipart header rather than a JSON body).
        if (safeName.codePoints().anyMatch(point -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE)) {
            throw new InvalidRequestException("The uploaded file's name holds an unpaired UTF-16 surrogate, which cannot be"
                    + " stored as UTF-8; send well-formed Unicode text.");
        }
        int bytes = safeName.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new InvalidRequestException("The uploaded file's name is " + bytes + " bytes of UTF-8; the limit is "
                    + MAX_NAME_BYTES + ".");
        }
        if (safeName.startsWith(".")) {
            throw new InvalidRequestException("The uploaded file's name must not start with '.', got '" + safeName + "'.");
        }
        String type = AllowedFiles.extension(safeName);
        if (!AllowedFiles.SUPPORTED.contains(type)) {
            throw new InvalidRequestException("'" + safeName + "' has an unsupported file type"
                    + (type.isEmpty() ? "" : " '" + type + "'") + "; supported: " + AllowedFiles.supportedList() + ".");
        }
        return safeName;
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
