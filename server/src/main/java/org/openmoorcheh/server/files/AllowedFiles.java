package org.openmoorcheh.server.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only gate through which file ingestion reads the disk. A requested path must be absolute,
 * free of {@code ..}, name a supported extension, lie under an allowed root both as written and
 * after resolving symlinks, and be a regular file within the size limit. The original server runs
 * in a container with the uploads folder mounted at {@code /uploads}, and its CLI sends such paths:
 * {@code /uploads/<rel>} is read as {@code <first root>/<rel>} (unless {@code /uploads} is itself a root).
 */
public final class AllowedFiles {

    /** The extensions file ingestion reads, with their dot. */
    public static final Set<String> SUPPORTED = Set.of(".pdf", ".docx", ".xlsx", ".pptx", ".txt", ".csv", ".md", ".json");
    private static final Path CONTAINER_ROOT = Path.of("/uploads");
    private static final Logger LOG = LoggerFactory.getLogger(AllowedFiles.class);

    /** A path refused, with the reason to show the client. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * A readable file.
     *
     * @param absolutePath the path as the client named it (normalised); the file's identity
     * @param real where it is on disk, symlinks resolved
     */
    public record Checked(String absolutePath, Path real, String filename, String fileType, long size, Instant mtime) {
    }

    private final List<Path> roots;
    private final long maxBytes;

    /** Creates the roots that do not exist yet. */
    public AllowedFiles(List<Path> roots, long maxBytes) {
        this.roots = List.copyOf(roots);
        this.maxBytes = maxBytes;
        for (Path root : roots) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the upload folder " + root + ": " + e.getMessage(), e);
            }
        }
    }

    /** Largest file ingestion reads, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The folder where files uploaded over HTTP are stored. */
    public Path uploadRoot() {
        return roots.get(0);
    }

    /** The container-style path ({@code /uploads/<rel>}) of a file under the first root. */
    public String containerPath(Path underFirstRoot) {
        return CONTAINER_ROOT.resolve(uploadRoot().relativize(underFirstRoot)).toString();
    }

    /** file_id = first 16 hex digits of sha256(namespace NUL absolute_path), as the original documents. */
    public static String fileId(String namespace, String absolutePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((namespace + "\0" + absolutePath).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a path the client named would be on disk, or the reason it may not be read. */
    public Path locate(String requested) throws Refused {
        if (requested == null || requested.isBlank()) {
            throw new Refused("the path is empty");
        }
        if (!requested.startsWith("/") || requested.indexOf('\0') >= 0) {
            throw new Refused("'" + requested + "' is not an absolute path");
        }
        Path named;
        try {
            named = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new Refused("'" + requested + "' is not a path this server can open");
        }
        for (Path part : named) {
            if (part.toString().equals("..")) {
                throw new Refused("'" + requested + "' contains '..'");
            }
        }
        Path normalized = named.normalize();
        if (normalized.startsWith(CONTAINER_ROOT) && !roots.contains(CONTAINER_ROOT)) {
            normalized = uploadRoot().resolve(CONTAINER_ROOT.relativize(normalized).toString());
        }
        Path target = normalized;
        if (roots.stream().noneMatch(target::startsWith)) {
            throw new Refused("'" + requested + "' is outside the allowed folders (ALLOWED_UPLOAD_PATHS)");
        }
        return target;
    }

    /** Checks everything about a path the client named; reads nothing but file attributes. */
    public Checked check(String requested) throws Refused {
        Path target = locate(requested);
        String absolutePath = Path.of(requested).normalize().toString();
        String filename = target.getFileName() == null ? "" : target.getFileName().toString();
        String type = extension(filename);
        if (!SUPPORTED.contains(type)) {
            throw new Refused("'" + requested + "' has an unsupported file type"
                    + (type.isEmpty() ? "" : " '" + type + "'") + "; supported: " + supportedList());
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("'" + requested + "' does not exist");
        }
        Path real;
        try {
            real = target.toRealPath();
        } catch (IOException e) {
            // The exception names the resolved path on this machine; the client gets its own terms.
            LOG.info("file path {} cannot be resolved: {}", requested, e.toString());
            throw new Refused("'" + requested + "' cannot be resolved (a broken symbolic link or a link loop?)");
        }
        boolean inside = false;
        for (Path root : roots) {
            try {
                inside |= real.startsWith(root.toRealPath());
            } catch (IOException e) {
                // a root that does not exist holds nothing
            }
        }
        if (!inside) {
            throw new Refused("'" + requested + "' leads outside the allowed folders (a symbolic link?)");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (IOException e) {
            LOG.info("file path {} cannot be read: {}", requested, e.toString());
            throw new Refused("'" + requested + "' cannot be read by the server");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused("'" + requested + "' is not a regular file");
        }
        if (!Files.isReadable(real)) {
            throw new Refused("'" + requested + "' is not readable by the server");
        }
        if (attributes.size() > maxBytes) {
            throw new Refused("'" + requested + "' is " + attributes.size() + " bytes, over the limit of " + maxBytes
                    + " (MOORCHEH_MAX_FILE_BYTES)");
        }
        return new Checked(absolutePath, real, filename, type, attributes.size(),
                attributes.lastModifiedTime().toInstant());
    }

    /** Whether the file a registry path names is still there (for {@code path_exists}). */
    public boolean exists(String absolutePath) {
        try {
            return Files.isRegularFile(locate(absolutePath));
        } catch (Refused e) {
            return false;
        }
    }

    public static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot <= 0 ? "" : filename.substring(dot).toLowerCase(Locale.ROOT);
    }

    public static String supportedList() {
        List<String> sorted = new ArrayList<>(SUPPORTED);
        sorted.sort(null);
        return String.join(" ", sorted);
    }
}
