package org.openmoorcheh.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void defaultsAreTheEmbeddedOnes() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(), HOME);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(HOME.resolve(".moorcheh/data"));
        assertThat(config.databaseFile()).isEqualTo(HOME.resolve(".moorcheh/data/moorcheh.db"));
        assertThat(config.maxItems()).isEqualTo(100_000);
        assertThat(config.maxRequestBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.embeddingProvider()).isEqualTo("local");
        assertThat(config.llmProvider()).isEqualTo("none");
        assertThat(config.llmModel()).isEqualTo("extractive");
        assertThat(config.allowedUploadPaths()).containsExactly(HOME.resolve(".moorcheh/uploads"));
    }

    @Test
    void variablesOverrideDefaultsAndBlankMeansUnset() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "SERVER_HOST", "0.0.0.0", "SERVER_PORT", " 9090 ", "MOORCHEH_DATA_DIR", "/srv/m",
                "MOORCHEH_MAX_ITEMS", "10", "EMBEDDING_MODEL", "  ", "ALLOWED_UPLOAD_PATHS", "/a, /b,"), HOME);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/m"));
        assertThat(config.maxItems()).isEqualTo(10);
        assertThat(config.embeddingModel()).isEqualTo(ServerConfig.DEFAULT_EMBEDDING_MODEL);
        assertThat(config.allowedUploadPaths()).containsExactly(Path.of("/a"), Path.of("/b"));
    }

    @Test
    void malformedNumbersNameTheVariable() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SERVER_PORT", "eighty"), HOME))
                .hasMessageContaining("SERVER_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SERVER_PORT", "70000"), HOME))
                .hasMessageContaining("SERVER_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("MOORCHEH_MAX_ITEMS", "-1"), HOME))
                .hasMessageContaining("MOORCHEH_MAX_ITEMS");
    }

    @Test
    void secretsStayOutOfToString() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "EMBEDDING_API_KEY", "sk-embed-secret", "LLM_API_KEY", "sk-llm-secret"), HOME);
        assertThat(config.toString()).doesNotContain("sk-embed-secret").doesNotContain("sk-llm-secret");
    }
}
