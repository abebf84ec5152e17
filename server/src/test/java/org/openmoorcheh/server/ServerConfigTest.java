package org.openmoorcheh.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void eachProviderHasItsDefaultModelAndUrl() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "EMBEDDING_PROVIDER", "OpenAI", "LLM_PROVIDER", "cohere", "LLM_API_KEY", "co-key"), HOME);

        assertThat(config.embeddingProvider()).isEqualTo("openai");
        assertThat(config.embeddingModel()).isEqualTo("text-embedding-3-small");
        assertThat(config.embeddingBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(config.llmModel()).isEqualTo("command-r-08-2024");
        assertThat(config.llmBaseUrl()).isEqualTo("https://api.cohere.com/v2");
        assertThat(config.hasLlm()).isTrue();
    }

    @Test
    void legacyOllamaVariablesConfigureTheOllamaEmbedder() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("EMBEDDING_PROVIDER", "ollama",
                "OLLAMA_URL", "http://gpu-box:11434", "OLLAMA_MODEL", "nomic-embed-text"), HOME);

        assertThat(config.embeddingBaseUrl()).isEqualTo("http://gpu-box:11434");
        assertThat(config.embeddingModel()).isEqualTo("nomic-embed-text");
    }

    @Test
    void unknownProvidersAreRefusedByName() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EMBEDDING_PROVIDER", "gemini"), HOME))
                .hasMessageContaining("EMBEDDING_PROVIDER").hasMessageContaining("gemini");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("LLM_PROVIDER", "claude"), HOME))
                .hasMessageContaining("LLM_PROVIDER").hasMessageContaining("claude");
    }

    @Test
    void clientConfigFileFillsProviderSettingsAndTheEnvironmentWins(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".moorcheh"));
        Files.writeString(home.resolve(".moorcheh/config.json"), """
                {"embedding": {"provider": "ollama", "model": "mxbai-embed-large",
                               "base_url": "http://host.docker.internal:11434"},
                 "llm": {"provider": "openai", "model": "gpt-4o-mini", "api_key": "sk-file"}}""");

        ServerConfig fromFile = ServerConfig.fromEnvironment(Map.of(), home);
        ServerConfig overridden = ServerConfig.fromEnvironment(Map.of("LLM_MODEL", "gpt-5"), home);

        assertThat(fromFile.embeddingProvider()).isEqualTo("ollama");
        assertThat(fromFile.embeddingModel()).isEqualTo("mxbai-embed-large");
        assertThat(fromFile.embeddingBaseUrl()).isEqualTo("http://localhost:11434");
        assertThat(fromFile.llmProvider()).isEqualTo("openai");
        assertThat(fromFile.llmModel()).isEqualTo("gpt-4o-mini");
        assertThat(fromFile.llmApiKey()).isEqualTo("sk-file");
        assertThat(overridden.llmModel()).isEqualTo("gpt-5");
    }

    @Test
    void malformedClientConfigFileIsNamed(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".moorcheh"));
        Files.writeString(home.resolve(".moorcheh/config.json"), "{oops");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(), home)).hasMessageContaining("config.json");
    }
}
