package org.openmoorcheh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/** {@code keys}, {@code --api-key}/{@code MOORCHEH_API_KEY}, {@code backup} and {@code restore} against a real server. */
class AdminCliIT {

    private static final String ADMIN = "cli-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @TempDir
    Path home;
    private ServerApp server;
    private String url;

    @BeforeEach
    void start() {
        server = ServerApp.start(ServerConfig.fromEnvironment(Map.of("SERVER_PORT", "0",
                "MOORCHEH_DATA_DIR", home.resolve("server-data").toString(),
                "ALLOWED_UPLOAD_PATHS", home.resolve("uploads").toString(),
                "MOORCHEH_ADMIN_KEY", ADMIN), home));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MOORCHEH_BASE_URL", url);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MoorchehCli.run(home, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keysAreMadeListedAndRevokedAndEveryCommandSendsOne() throws Exception {
        Result refused = run(Map.of(), "namespace-list");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Error (401): ");

        Result created = run(Map.of(), "keys", "create", "--name", "writer", "--role", "write", "--api-key", ADMIN);
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();

        assertThat(run(Map.of("MOORCHEH_API_KEY", key), "namespace-list").exit()).isZero();
        Result tooWeak = run(Map.of("MOORCHEH_API_KEY", key), "namespace-create", "--name", "x", "--type", "text");
        assertThat(tooWeak.err()).startsWith("Error (403): ");

        Result listed = run(Map.of("MOORCHEH_API_KEY", ADMIN), "keys", "list");
        assertThat(listed.json().get("keys").get(0).get("name").asText()).isEqualTo("writer");
        assertThat(listed.out()).doesNotContain(key);

        assertThat(run(Map.of(), "keys", "revoke", id, "--api-key", ADMIN).exit()).isZero();
        assertThat(run(Map.of("MOORCHEH_API_KEY", key), "namespace-list").err()).startsWith("Error (401): ");
    }

    @Test
    void aBackupRestoresIntoAnEmptyDataDir() throws Exception {
        Map<String, String> admin = Map.of("MOORCHEH_API_KEY", ADMIN);
        assertThat(run(admin, "namespace-create", "--name", "kept", "--type", "text").exit()).isZero();
        Path backup = home.resolve("backup.db");

        Result saved = run(admin, "backup", "--out", backup.toString());
        assertThat(saved.exit()).as(saved.err()).isZero();
        assertThat(saved.err()).contains("backup saved to");
        assertThat(run(admin, "backup", "--out", backup.toString()).err()).contains("already exists");

        String jar = System.getProperty("moorcheh.server.jar");
        Result restored = run(Map.of(), "restore", "--from", backup.toString(), "--data-dir",
                home.resolve("restored").toString(), "--server-jar", jar);
        assertThat(restored.exit()).as(restored.err()).isZero();
        Result again = run(Map.of(), "restore", "--from", backup.toString(), "--data-dir",
                home.resolve("restored").toString(), "--server-jar", jar);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a database");

        try (ServerApp second = ServerApp.start(ServerConfig.fromEnvironment(Map.of("SERVER_PORT", "0",
                "MOORCHEH_DATA_DIR", home.resolve("restored").toString(),
                "ALLOWED_UPLOAD_PATHS", home.resolve("uploads").toString(), "MOORCHEH_ADMIN_KEY", ADMIN), home))) {
            url = "http://127.0.0.1:" + second.port();
            Result names = run(admin, "namespace-list");
            assertThat(names.json().get("namespaces").get(0).get("namespace_name").asText()).isEqualTo("kept");
        }
    }
}
