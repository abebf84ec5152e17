package org.openmoorcheh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/** The {@code moorcheh} command against a real server: the whole flow, errors, help, configure. */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {

        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @TempDir
    Path home;
    private ServerApp server;
    private String url;

    @BeforeEach
    void start() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", "0");
        env.put("MOORCHEH_DATA_DIR", home.resolve("server-data").toString());
        env.put("ALLOWED_UPLOAD_PATHS", home.resolve(".moorcheh/uploads").toString());
        server = ServerApp.start(ServerConfig.fromEnvironment(env, home));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MoorchehCli.run(home, Map.of("MOORCHEH_BASE_URL", url), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fullFlowFromCreateToDelete() throws IOException {
        Result created = run("namespace-create", "--name", "docs", "--type", "text");
        assertThat(created.exit()).isZero();
        assertThat(created.out()).startsWith("{\n  \"status\": \"success\",\n");
        assertThat(created.json().get("namespace_name").asText()).isEqualTo("docs");

        Path documents = Files.writeString(home.resolve("docs.json"), "{\"documents\": ["
                + "{\"id\": \"cat\", \"text\": \"Cats are small furry pets that purr.\", \"kind\": \"pet\"},"
                + "{\"id\": \"market\", \"text\": \"The stock market fell sharply today.\"}]}");
        Result uploaded = run("upload-documents", "--namespace-name", "docs", "--documents-file", documents.toString());
        assertThat(uploaded.exit()).as(uploaded.err()).isZero();
        String jobId = uploaded.json().get("job_id").asText();
        assertThat(uploaded.err()).contains("job " + jobId + ": completed, 2 / 2 processed, 0 failed");

        Result job = run("upload-job-status", "--namespace-name", "docs", "--job-id", jobId);
        assertThat(job.json().get("successful").asInt()).isEqualTo(2);

        Result search = run("search", "--query", "kittens", "--namespaces", "docs", "--top-k", "1");
        assertThat(search.json().get("results").get(0).get("id").asText()).isEqualTo("cat");

        Result answer = run("answer", "--query", "Which pets purr?", "--namespace", "docs", "--top-k", "1");
        assertThat(answer.json().get("answer").asText()).contains("purr");

        Result items = run("items-get", "--namespace-name", "docs", "--ids-json", "[\"cat\", \"nope\"]");
        assertThat(items.json().get("found_items").asInt()).isEqualTo(1);
        Result page = run("fetch-text-data", "--namespace-name", "docs", "--limit", "1");
        assertThat(page.json().get("items")).hasSize(1);
        Result deleted = run("items-delete", "--namespace-name", "docs", "--ids-json", "[\"market\"]");
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(1);

        Path uploads = Files.createDirectories(home.resolve(".moorcheh/uploads"));
        Path notes = Files.writeString(uploads.resolve("notes.txt"), "Octopuses have three hearts.");
        Result file = run("upload-file", "--namespace-name", "docs", "--file", notes.toString(),
                "--metadata-json", "{\"team\": \"sea\"}");
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(file.err()).contains("completed, 1 / 1 chunks");
        Result files = run("list-files", "--namespace-name", "docs");
        assertThat(files.json().get("files").get(0).get("absolute_path").asText()).isEqualTo("/uploads/notes.txt");
        Result deleteFile = run("delete-file", "--namespace-name", "docs", "--path", notes.toString());
        assertThat(deleteFile.exit()).isZero();

        assertThat(run("namespace-list").json().get("namespaces")).hasSize(1);
        Result gone = run("namespace-delete", "--namespace-name", "docs");
        assertThat(gone.exit()).isZero();
        assertThat(gone.json().get("status").asText()).isEqualTo("completed");
        assertThat(run("namespace-list").json().get("namespaces")).isEmpty();
    }

    @Test
    void apiErrorPrintsTheBodyAndAnErrorLineAndExitsWith1() throws IOException {
        Path documents = Files.writeString(home.resolve("docs.json"), "{\"documents\": [{\"id\": \"a\", \"text\": \"b\"}]}");

        Result failed = run("upload-documents", "--namespace-name", "nope", "--documents-file", documents.toString());

        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.json().get("status").asText()).isEqualTo("failure");
        assertThat(failed.err().strip()).isEqualTo("Error (404): Namespace 'nope' not found.");
    }

    @Test
    void statusPrintsTheUsageLineThenTheHealthJson() throws IOException {
        Result status = run("status");

        assertThat(status.exit()).isZero();
        String first = status.out().lines().findFirst().orElseThrow();
        assertThat(first).isEqualTo("items: 0 / 100000  |  remaining: 100000  |  embedding: local / all-minilm-l6-v2"
                + "  |  llm: none / extractive");
        assertThat(JSON.readTree(status.out().substring(status.out().indexOf('{'))).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void everyCommandOfTheOriginalHasItsFlagsInItsHelp() {
        Map<String, List<String>> original = Map.ofEntries(
                Map.entry("configure", List.of("--force")),
                Map.entry("up", List.of("--server-port", "--embedding-provider", "--embedding-model", "--embedding-api-key")),
                Map.entry("down", List.of()),
                Map.entry("status", List.of("--base-url")),
                Map.entry("namespace-create", List.of("--name", "--type", "--vector-dimension")),
                Map.entry("namespace-list", List.of("--base-url")),
                Map.entry("namespace-delete", List.of("--namespace-name", "--no-wait", "--poll-interval", "--wait-timeout")),
                Map.entry("namespace-delete-job-status", List.of("--namespace-name", "--job-id")),
                Map.entry("upload-documents", List.of("--namespace-name", "--documents-file")),
                Map.entry("upload-vectors", List.of("--namespace-name", "--vectors-file")),
                Map.entry("upload-job-status", List.of("--namespace-name", "--job-id")),
                Map.entry("upload-file", List.of("--namespace-name", "--file", "--force-reindex", "--metadata-json")),
                Map.entry("upload-files", List.of("--namespace-name", "--files-file")),
                Map.entry("list-files", List.of("--namespace-name")),
                Map.entry("file-get", List.of("--namespace-name", "--file-id")),
                Map.entry("delete-file", List.of("--namespace-name", "--path", "--file-id")),
                Map.entry("file-job-status", List.of("--namespace-name", "--job-id")),
                Map.entry("fetch-text-data", List.of("--namespace-name", "--limit", "--next-token")),
                Map.entry("items-get", List.of("--namespace-name", "--ids-json")),
                Map.entry("items-delete", List.of("--namespace-name", "--ids-json")),
                Map.entry("search", List.of("--query", "--query-vector-json", "--namespaces", "--top-k", "--threshold")),
                Map.entry("answer", List.of("--query", "--namespace", "--top-k", "--temperature", "--ai-model",
                        "--header-prompt", "--footer-prompt", "--threshold", "--kiosk-mode", "--chat-history-json",
                        "--structured")));
        Result top = run("--help");
        assertThat(top.exit()).isZero();
        original.forEach((command, flags) -> {
            assertThat(top.out()).contains("  " + command + " ");
            Result help = run(command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: moorcheh " + command);
            flags.forEach(flag -> assertThat(help.out()).as(command + " " + flag).contains(flag));
        });
    }

    @Test
    void configureWritesAPrivateConfigFileOnceUnlessForced() throws IOException {
        Result written = run("configure", "--embedding-provider", "ollama", "--llm-provider", "openai",
                "--llm-api-key", "sk-x");
        Path file = home.resolve(".moorcheh/config.json");

        assertThat(written.exit()).isZero();
        JsonNode config = JSON.readTree(file.toFile());
        assertThat(config.at("/embedding/model").asText()).isEqualTo("mxbai-embed-large");
        assertThat(config.at("/embedding/base_url").asText()).isEqualTo("http://localhost:11434");
        assertThat(config.at("/llm/api_key").asText()).isEqualTo("sk-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run("configure").exit()).isEqualTo(1);
        assertThat(run("configure", "--force").exit()).isZero();
    }

    @Test
    void upStartsAServerProcessStatusReachesItAndDownStopsIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path otherHome = home.resolve("user");
        Map<String, String> noUrl = Map.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            int up = MoorchehCli.run(otherHome, noUrl, o, e, "up", "--server-port", Integer.toString(port),
                    "--server-jar", System.getProperty("moorcheh.server.jar"));
            assertThat(up).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("running at http://localhost:" + port);
            assertThat(Files.exists(otherHome.resolve(".moorcheh/server.json"))).isTrue();

            out.reset();
            assertThat(MoorchehCli.run(otherHome, noUrl, o, e, "status")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("items: 0 / 100000");
            assertThat(Files.isDirectory(otherHome.resolve(".moorcheh/data"))).isTrue();
            // The launcher sets the server's memory (MOORCHEH_JAVA_OPTS unset here: the default).
            long pid = MoorchehCli.MAPPER.readTree(otherHome.resolve(".moorcheh/server.json").toFile()).get("pid").asLong();
            String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertThat(commandLine).contains("-Xmx1g -XX:MaxDirectMemorySize=4g");
        } finally {
            out.reset();
            assertThat(MoorchehCli.run(otherHome, noUrl, o, e, "down")).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped");
        assertThat(Files.exists(otherHome.resolve(".moorcheh/server.json"))).isFalse();
        out.reset();
        assertThat(MoorchehCli.run(otherHome, noUrl, o, e, "down")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("not running");
    }
}
