package org.openmoorcheh.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.ChildServer;

/**
 * {@code ~} is {@code $HOME} when set, as for the original CLI and Python client (issue 12, fault 6):
 * Java's {@code user.home} comes from the password database and ignores it.
 */
class HomeIT {

    @Test
    void theServerReadsAndWritesUnderHome(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".moorcheh"));
        Files.writeString(home.resolve(".moorcheh/config.json"),
                "{\"embedding\":{\"provider\":\"local\",\"model\":\"bge-small-en-v1.5-q\"}}");
        // Blank values fall back to the defaults, which live under ~.
        try (ChildServer server = ChildServer.start(dir, Map.of("HOME", home.toString(),
                "MOORCHEH_DATA_DIR", "", "ALLOWED_UPLOAD_PATHS", ""))) {
            assertThat(server.api().get("/health").get("model").asText()).isEqualTo("bge-small-en-v1.5-q");
            assertThat(home.resolve(".moorcheh/data/moorcheh.db")).exists();
            assertThat(home.resolve(".moorcheh/uploads")).isDirectory();
        }
    }
}
