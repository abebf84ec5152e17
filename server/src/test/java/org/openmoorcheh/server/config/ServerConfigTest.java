package org.openmoorcheh.server.config;

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
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.storage().dataDir()).isEqualTo(HOME.resolve(".moorcheh/data"));
        assertThat(config.storage().databaseFile()).isEqualTo(HOME.resolve(".moorcheh/data/moorcheh.db"));
        assertThat(config.limits().maxItems()).isEqualTo(100_000);
        assertThat(config.limits().maxRequestBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.providers().embedding().provider()).isEqualTo("local");
        assertThat(config.providers().llm().provider()).isEqualTo("none");
        assertThat(config.providers().llm().model()).isEqualTo("extractive");
        assertThat(config.ingestion().allowedUploadPaths()).containsExactly(HOME.resolve(".moorcheh/uploads"));
    }

    @Test
    void variablesOverrideDefaultsAndBlankMeansUnset() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "SERVER_HOST", "0.0.0.0", "SERVER_PORT", " 9090 ", "MOORCHEH_DATA_DIR", "/srv/m",
                "MOORCHEH_MAX_ITEMS", "10", "EMBEDDING_MODEL", "  ", "ALLOWED_UPLOAD_PATHS", "/a, /b,"), HOME);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("/srv/m"));
        assertThat(config.limits().maxItems()).isEqualTo(10);
        assertThat(config.providers().embedding().model()).isEqualTo(org.openmoorcheh.catalogue.ProviderCatalogue.LOCAL_MODELS.get(0));
        assertThat(config.ingestion().allowedUploadPaths()).containsExactly(Path.of("/a"), Path.of("/b"));
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

        assertThat(config.providers().embedding().provider()).isEqualTo("openai");
        assertThat(config.providers().embedding().model()).isEqualTo("text-embedding-3-small");
        assertThat(config.providers().embedding().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(config.providers().llm().model()).isEqualTo("command-r-08-2024");
        assertThat(config.providers().llm().baseUrl()).isEqualTo("https://api.cohere.com/v2");
        assertThat(config.providers().hasLlm()).isTrue();
    }

    @Test
    void legacyOllamaVariablesConfigureTheOllamaEmbedder() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("EMBEDDING_PROVIDER", "ollama",
                "OLLAMA_URL", "http://gpu-box:11434", "OLLAMA_MODEL", "nomic-embed-text"), HOME);

        assertThat(config.providers().embedding().baseUrl()).isEqualTo("http://gpu-box:11434");
        assertThat(config.providers().embedding().model()).isEqualTo("nomic-embed-text");
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

        assertThat(fromFile.providers().embedding().provider()).isEqualTo("ollama");
        assertThat(fromFile.providers().embedding().model()).isEqualTo("mxbai-embed-large");
        assertThat(fromFile.providers().embedding().baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(fromFile.providers().llm().provider()).isEqualTo("openai");
        assertThat(fromFile.providers().llm().model()).isEqualTo("gpt-4o-mini");
        assertThat(fromFile.providers().llm().apiKey()).isEqualTo("sk-file");
        assertThat(overridden.providers().llm().model()).isEqualTo("gpt-5");
    }

    @Test
    void malformedClientConfigFileIsNamed(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".moorcheh"));
        Files.writeString(home.resolve(".moorcheh/config.json"), "{oops");

        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(), home)).hasMessageContaining("config.json");
    }
}
