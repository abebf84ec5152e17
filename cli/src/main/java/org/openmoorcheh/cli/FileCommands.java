package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * File commands. As in the original, {@code --file} and {@code --path} are paths on this machine
 * under {@code ~/.moorcheh/uploads}, sent as {@code /uploads/<rel>}; {@code upload-file --send}
 * (ours) uploads a file from anywhere over HTTP instead.
 */
final class FileCommands {

    private FileCommands() {
    }

    /** {@code ~/.moorcheh/uploads/<rel>} → {@code /uploads/<rel>}. */
    static String containerPath(MoorchehCli root, Path file) {
        Path uploads = root.moorchehHome().resolve("uploads").toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(uploads)) {
            throw new MoorchehCli.UsageException(file + " is not under " + uploads
                    + "; copy it there (or use upload-file --send to upload it over HTTP)");
        }
        return Path.of("/uploads").resolve(uploads.relativize(absolute).toString()).toString();
    }

    static JsonNode follow(MoorchehCli root, Raw api, String namespace, JsonNode started, double timeoutSeconds)
            throws InterruptedException {
        root.print(started);
        if (started.hasNonNull("job_id")) {
            Waiting.poll(root, api, ApiCommand.ns(namespace) + "/file-jobs/" + Raw.segment(started.get("job_id").asText()),
                    Duration.ofMillis(500), Duration.ofMillis((long) (timeoutSeconds * 1000)),
                    job -> job.path("chunks_processed").asLong() + " / " + job.path("chunks_total").asLong()
                            + " chunks, " + job.path("summaries_created").asLong() + " summaries"
                            + (job.hasNonNull("last_error") ? " (last error: " + job.get("last_error").asText() + ")" : ""));
        }
        return null;
    }

    abstract static class Ingest extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Text namespace.")
        String namespace;

        @Option(names = "--no-wait", description = "Do not follow the file job.")
        boolean noWait;

        @Option(names = "--wait-timeout", defaultValue = "1800", description = "Seconds to follow the job (default ${DEFAULT-VALUE}).")
        double waitTimeout;

        JsonNode finish(Raw api, JsonNode started) throws InterruptedException {
            if (noWait) {
                return started;
            }
            return follow(root, api, namespace, started, waitTimeout);
        }
    }

    @Command(name = "upload-file", mixinStandardHelpOptions = true,
            description = "Ingest one file under ~/.moorcheh/uploads (or any file with --send).")
    static final class UploadFile extends Ingest {
        @Option(names = "--file", required = true, description = "The file on this machine.")
        Path file;

        @Option(names = "--force-reindex", description = "Re-index even if unchanged.")
        boolean force;

        @Option(names = "--metadata-json", description = "JSON object merged into every chunk's metadata.")
        String metadata;

        @Option(names = "--send", description = "Upload the file's bytes over HTTP (for a server on another machine).")
        boolean send;

        @Override
        JsonNode call(Raw api) throws InterruptedException {
            JsonNode extra = metadata == null ? MoorchehCli.MAPPER.createObjectNode() : MoorchehCli.parseJson(metadata, "--metadata-json");
            if (!extra.isObject()) {
                throw new MoorchehCli.UsageException("--metadata-json must be a JSON object");
            }
            if (send) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("force_reindex", Boolean.toString(force));
                fields.put("metadata", extra.toString());
                return finish(api, api.postFile(ns(namespace) + "/files/upload", file, fields));
            }
            ObjectNode entry = ((ObjectNode) extra).deepCopy();
            entry.put("path", containerPath(root, file));
            if (force) {
                entry.put("force_reindex", true);
            }
            return finish(api, api.post(ns(namespace) + "/files", Map.of("files", List.of(entry))));
        }
    }

    @Command(name = "upload-files", mixinStandardHelpOptions = true,
            description = "Ingest files listed in a JSON file {\"files\": [{\"path\": \"/uploads/...\"}]}.")
    static final class UploadFiles extends Ingest {
        @Option(names = "--files-file", required = true, description = "JSON file with a \"files\" array.")
        Path filesFile;

        @Override
        JsonNode call(Raw api) throws InterruptedException {
            JsonNode body = MoorchehCli.readJsonFile(filesFile, "--files-file");
            if (!body.isObject() || !body.has("files")) {
                throw new MoorchehCli.UsageException("--files-file must hold a JSON object with \"files\"");
            }
            return finish(api, api.post(ns(namespace) + "/files", body));
        }
    }

    @Command(name = "list-files", mixinStandardHelpOptions = true, description = "List a namespace's files.")
    static final class ListFiles extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Override
        JsonNode call(Raw api) {
            return api.get(ns(namespace) + "/files");
        }
    }

    @Command(name = "file-get", mixinStandardHelpOptions = true, description = "Show one registered file.")
    static final class FileGet extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Option(names = "--file-id", required = true, description = "File id.")
        String fileId;

        @Override
        JsonNode call(Raw api) {
            return api.get(ns(namespace) + "/files/" + Raw.segment(fileId));
        }
    }

    @Command(name = "delete-file", mixinStandardHelpOptions = true,
            description = "Remove a file's chunks and registry entry (the file itself is kept).")
    static final class DeleteFile extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--path", description = "The file on this machine, under ~/.moorcheh/uploads.")
            Path path;

            @Option(names = "--file-id", description = "File id.")
            String fileId;
        }

        @Override
        JsonNode call(Raw api) {
            Map<String, String> body = target.fileId != null ? Map.of("file_id", target.fileId)
                    : Map.of("path", containerPath(root, target.path));
            return api.post(ns(namespace) + "/files/delete", body);
        }
    }

    @Command(name = "file-job-status", mixinStandardHelpOptions = true, description = "Show a file job.")
    static final class FileJobStatus extends ApiCommand {
        @Option(names = "--namespace-name", required = true, description = "Namespace.")
        String namespace;

        @Option(names = "--job-id", required = true, description = "File job id.")
        String jobId;

        @Override
        JsonNode call(Raw api) {
            return api.get(ns(namespace) + "/file-jobs/" + Raw.segment(jobId));
        }
    }
}
