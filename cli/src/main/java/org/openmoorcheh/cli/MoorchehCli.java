package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openmoorcheh.client.MoorchehException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code moorcheh} command tree. Everything it touches outside the process is passed in (home
 * directory, environment, output streams), so tests run it in-process on a temporary home.
 *
 * <p>Output rules of the original: a command prints the response JSON indented by 2 on stdout; on
 * an API error it prints the error body (if any) on stdout, {@code Error (<status>): <message>} on
 * stderr, and exits with 1.
 */
@Command(name = "moorcheh", mixinStandardHelpOptions = true, version = "moorcheh 0.1.0",
        description = "Command-line client and launcher for a Moorcheh server (the on-prem HTTP API).",
        subcommands = {
                ServerCommands.Up.class, ServerCommands.Down.class, ServerCommands.Status.class,
                ServerCommands.Configure.class,
                NamespaceCommands.Create.class, NamespaceCommands.ListAll.class, NamespaceCommands.Delete.class,
                NamespaceCommands.DeleteJobStatus.class,
                ItemCommands.UploadDocuments.class, ItemCommands.UploadVectors.class, ItemCommands.UploadJobStatus.class,
                ItemCommands.FetchTextData.class, ItemCommands.ItemsGet.class, ItemCommands.ItemsDelete.class,
                FileCommands.UploadFile.class, FileCommands.UploadFiles.class, FileCommands.ListFiles.class,
                FileCommands.FileGet.class, FileCommands.DeleteFile.class, FileCommands.FileJobStatus.class,
                QueryCommands.Search.class, QueryCommands.Answer.class,
                AdminCommands.Keys.class, AdminCommands.Backup.class, AdminCommands.Restore.class,
                CommandLine.HelpCommand.class})
public final class MoorchehCli implements Runnable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final Path home;
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    MoorchehCli(Path home, Map<String, String> env, PrintStream out, PrintStream err) {
        this.home = home;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs one command line and returns its exit code. */
    public static int run(Path home, Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        MoorchehCli root = new MoorchehCli(home, env, out, err);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> root.report(failure));
        return line.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** {@code ~/.moorcheh}. */
    Path moorchehHome() {
        return home.resolve(".moorcheh");
    }

    void print(JsonNode json) {
        out.println(JsonOutput.indented(json));
    }

    private int report(Exception failure) {
        if (failure instanceof MoorchehException api) {
            if (api.body() != null && !api.body().isNull()) {
                print(api.body());
            }
            err.println(api.status() > 0 ? "Error (" + api.status() + "): " + api.getMessage()
                    : "Error: " + api.getMessage());
            return 1;
        }
        if (failure instanceof UsageException usage) {
            err.println("Error: " + usage.getMessage());
            return 1;
        }
        err.println("Error: " + failure);
        return 1;
    }

    /** A mistake in the command's own input (a file that does not exist, JSON that does not parse). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Reads a JSON file the user named. */
    static JsonNode readJsonFile(Path file, String option) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new UsageException(option + " " + file + ": " + e.getMessage());
        }
    }

    /** Parses JSON given on the command line. */
    static JsonNode parseJson(String json, String option) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new UsageException(option + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
