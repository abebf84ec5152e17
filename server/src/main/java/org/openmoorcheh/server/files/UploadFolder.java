package org.openmoorcheh.server.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openmoorcheh.server.errors.DiskFullException;
import org.openmoorcheh.server.errors.InternalException;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files uploaded over HTTP: their names' policy and where they are kept, under
 * {@code <first allowed root>/<namespace>/<name>}. A file is written beside its final name and
 * moved over it atomically, so a reader (an ingestion job) sees the old file or the whole new one,
 * and a refused upload (bad name, past the size limit, a failed write) leaves nothing behind.
 */
public final class UploadFolder {

    /** Longest uploaded file name, in bytes of UTF-8: what common file systems allow. */
    public static final int MAX_NAME_BYTES = 255;
    private static final Logger LOG = LoggerFactory.getLogger(UploadFolder.class);

    private final AllowedFiles files;

    public UploadFolder(AllowedFiles files) {
        this.files = files;
    }

    /**
     * Stores an uploaded file, replacing one of that name atomically; returns where it now is.
     *
     * @throws InvalidRequestException for a refused name, or one taken by a folder
     * @throws TooLargeException past {@link AllowedFiles#maxBytes()} (nothing larger is written)
     * @throws DiskFullException when the disk is full (nothing of the file is kept)
     * @throws InternalException when the disk refuses the write otherwise (the details go to the log)
     */
    public Path store(String namespace, String filename, InputStream content) {
        String safeName = safeName(filename);
        Path folder = files.uploadRoot().resolve(namespace);
        Path target = folder.resolve(safeName);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidRequestException("The file name '" + safeName + "' is taken by a folder in the upload"
                    + " folder of namespace '" + namespace + "'; upload it under another name.");
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
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                LOG.warn("upload of '{}' into namespace {} refused: {}", safeName, namespace, e.toString());
                throw new DiskFullException("The server's disk is full: the uploaded file '" + safeName
                        + "' was not kept. Retry once space has been freed.", e);
            }
            // The exception names paths on this machine: they go to the log, not to the client.
            LOG.warn("upload of '{}' into namespace {} could not be stored: {}", safeName, namespace, e.toString());
            throw new InternalException("The uploaded file '" + safeName
                    + "' could not be stored; the server log has the details.");
        }
        return target;
    }

    /** Removes the uploaded copy of a file, if there is one; a name no upload could have is ignored. */
    public void delete(String namespace, String filename) throws IOException {
        String safeName;
        try {
            safeName = safeName(filename);
        } catch (InvalidRequestException neverUploaded) {
            return;
        }
        Files.deleteIfExists(files.uploadRoot().resolve(namespace).resolve(safeName));
    }

    /**
     * The last segment of the client's file name, checked before anything is written: a supported
     * extension (a refused file never lands in the upload folder), no hidden name, no NUL or
     * undecodable bytes, and short enough for a file system ({@value #MAX_NAME_BYTES} bytes of UTF-8).
     */
    public static String safeName(String filename) {
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
}
