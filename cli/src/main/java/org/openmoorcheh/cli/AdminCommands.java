package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keys create|list|revoke}, {@code backup} and {@code restore}: the operations of an admin. */
final class AdminCommands {

    private AdminCommands() {
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys (needs an admin key).",
            subcommands = {KeysCreate.class, KeysList.class, KeysRevoke.class})
    static final class Keys implements Runnable {
        @ParentCommand
        MoorchehCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(root.out);
        }
    }

    /** A command under {@code keys}: like {@link ApiCommand}, with the root one level further up. */
    abstract static class KeyCommand implements Callable<Integer> {
        @ParentCommand
        Keys keys;

        @Option(names = "--base-url", description = "Server URL (default: as for every other command).")
        String baseUrl;

        @Option(names = "--api-key", description = "An admin API key (default: MOORCHEH_API_KEY).")
        String apiKey;

        @Override
        public Integer call() {
            keys.root.print(run(ApiCommand.client(keys.root, baseUrl, apiKey).raw()));
            return 0;
        }

        abstract JsonNode run(Raw api);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key; its secret is printed this once.")
    static final class KeysCreate extends KeyCommand {
        @Option(names = "--name", required = true, description = "What the key is for.")
        String name;

        @Option(names = "--role", defaultValue = "read", description = "read, write or admin (default ${DEFAULT-VALUE}).")
        String role;

        @Override
        JsonNode run(Raw api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("role", role);
            return api.post("/admin/keys", body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (without secrets).")
    static final class KeysList extends KeyCommand {
        @Override
        JsonNode run(Raw api) {
            return api.get("/admin/keys");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key at once.")
    static final class KeysRevoke extends KeyCommand {
        @Parameters(index = "0", description = "The key's id (from `keys list`).")
        String id;

        @Override
        JsonNode run(Raw api) {
            return api.delete("/admin/keys/" + Raw.segment(id));
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Save a consistent copy of the server's database, taken while it keeps serving.")
    static final class Backup extends ApiCommand {
        @Option(names = "--out", required = true, description = "File to write (must not exist).")
        Path out;

        @Override
        JsonNode call(Raw api) {
            if (Files.exists(out)) {
                throw new MoorchehCli.UsageException("--out " + out + " already exists");
            }
            long bytes = api.download("/admin/backup", out);
            root.err.println("backup saved to " + out + " (" + bytes + " bytes)");
            return null;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Check a backup and make it the database of an empty data dir; then start a server on it.")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        MoorchehCli root;

        @Option(names = "--from", required = true, description = "The backup file.")
        Path from;

        @Option(names = "--data-dir", required = true, description = "Data dir to restore into (must hold no database).")
        Path dataDir;

        @Option(names = "--server-jar", description = "The server jar (default: lib/moorcheh-server.jar beside this command).")
        Path serverJar;

        @Override
        public Integer call() throws Exception {
            String javaCommand = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(javaCommand, "-cp",
                    ServerCommands.serverJar(root, serverJar).toString(), "org.openmoorcheh.server.ops.Restore",
                    "--from", from.toAbsolutePath().toString(), "--data-dir", dataDir.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = process.waitFor();
            (code == 0 ? root.out : root.err).print(output);
            return code == 0 ? 0 : 1;
        }
    }
}
