package org.openmoorcheh.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.openmoorcheh.engine.score.SearchMode;

/**
 * Every setting of the server, read once from the environment, grouped by concern: each part
 * checks its own values and names the variable at fault. Nothing else reads {@code System.getenv}.
 * Variable names follow the original Moorcheh on-prem server where it has one; our own settings
 * start with {@code MOORCHEH_}. Provider settings missing from the environment are taken from
 * {@code ~/.moorcheh/config.json} (the file the original CLI's {@code configure} writes), then from
 * {@link ProviderCatalogue}'s defaults. Secrets ({@code *_API_KEY}, the admin key, a database
 * password) are kept out of {@link #toString()}.
 */
public record ServerConfig(
        HttpConfig http,
        StorageConfig storage,
        LimitsConfig limits,
        SearchConfig search,
        ProvidersConfig providers,
        IngestionConfig ingestion,
        SecurityConfig security) {

    /** Reads the configuration from {@code System.getenv()} and the user's home directory. */
    public static ServerConfig fromEnvironment() {
        // $HOME first, as the original CLI and Python client use it; Java's user.home ignores it.
        String home = System.getenv("HOME");
        return fromEnvironment(System.getenv(),
                Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
    }

    /**
     * Reads the configuration from the given variables, then {@code <home>/.moorcheh/config.json} for
     * provider settings; unset or blank variables take their defaults.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static ServerConfig fromEnvironment(Map<String, String> variables, Path home) {
        Path moorchehHome = home.resolve(".moorcheh");
        Map<String, String> env = new HashMap<>(ClientConfigFile.read(moorchehHome.resolve("config.json")));
        variables.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                env.put(name, value);
            }
        });
        String embeddingProvider = text(env, "EMBEDDING_PROVIDER", ProviderCatalogue.LOCAL).toLowerCase(Locale.ROOT);
        String llmProvider = text(env, "LLM_PROVIDER", ProviderCatalogue.NO_LLM).toLowerCase(Locale.ROOT);
        // The original's legacy variables still configure an Ollama embedder.
        boolean ollama = embeddingProvider.equals(ProviderCatalogue.OLLAMA);
        String embeddingModel = text(env, "EMBEDDING_MODEL", ollama ? text(env, "OLLAMA_MODEL", null) : null);
        String embeddingBaseUrl = text(env, "EMBEDDING_BASE_URL", ollama ? text(env, "OLLAMA_URL", null) : null);
        return new ServerConfig(
                new HttpConfig(text(env, "SERVER_HOST", "127.0.0.1"), (int) number(env, "SERVER_PORT", 8080)),
                new StorageConfig(
                        Path.of(text(env, "MOORCHEH_DATA_DIR", moorchehHome.resolve("data").toString())),
                        text(env, "MOORCHEH_DATABASE_URL", ""),
                        Duration.ofSeconds(Math.max(1, number(env, "MOORCHEH_JOB_LEASE_SECONDS", 30))),
                        (int) number(env, "MOORCHEH_DELETE_BATCH_SIZE", 1000),
                        Duration.ofSeconds(number(env, "MOORCHEH_CHANGE_LOG_RETENTION_SECONDS", 600))),
                new LimitsConfig(
                        number(env, "MOORCHEH_MAX_ITEMS", 100_000),
                        number(env, "MOORCHEH_MAX_REQUEST_BYTES", 32L * 1024 * 1024),
                        number(env, "MOORCHEH_MAX_FILE_BYTES", 100L * 1024 * 1024),
                        number(env, "MOORCHEH_MAX_QUEUED_JOBS", 1_000),
                        (int) number(env, "MOORCHEH_MAX_CONCURRENT_REQUESTS", 64),
                        number(env, "MOORCHEH_MAX_INFLIGHT_BODY_BYTES",
                                4 * number(env, "MOORCHEH_MAX_REQUEST_BYTES", 32L * 1024 * 1024))),
                new SearchConfig(
                        (int) number(env, "MOORCHEH_SEARCH_THREADS", Runtime.getRuntime().availableProcessors()),
                        searchMode(text(env, "MOORCHEH_SEARCH_MODE", SearchMode.HYBRID.wireName()))),
                new ProvidersConfig(
                        new ProviderConfig(embeddingProvider,
                                embeddingModel != null ? embeddingModel
                                        : ProviderCatalogue.defaultEmbeddingModel(embeddingProvider).orElse(""),
                                text(env, "EMBEDDING_API_KEY", ""),
                                embeddingBaseUrl != null ? embeddingBaseUrl
                                        : ProviderCatalogue.defaultBaseUrl(embeddingProvider),
                                Duration.ofSeconds(number(env, "MOORCHEH_EMBEDDING_TIMEOUT_SECONDS", 60))),
                        new ProviderConfig(llmProvider,
                                text(env, "LLM_MODEL", ProviderCatalogue.defaultLlmModel(llmProvider).orElse("")),
                                // The original CLI reuses the embedding key when both use the same provider.
                                text(env, "LLM_API_KEY", llmProvider.equals(embeddingProvider)
                                        ? text(env, "EMBEDDING_API_KEY", "") : ""),
                                text(env, "LLM_BASE_URL", ProviderCatalogue.defaultBaseUrl(llmProvider)),
                                Duration.ofSeconds(number(env, "MOORCHEH_ANSWER_TIMEOUT", 180))),
                        (int) number(env, "MOORCHEH_PROVIDER_MAX_RETRIES", 2)),
                new IngestionConfig(
                        (int) number(env, "MOORCHEH_CHUNK_SIZE", 800),
                        (int) number(env, "MOORCHEH_CHUNK_OVERLAP", 100),
                        paths(text(env, "ALLOWED_UPLOAD_PATHS", moorchehHome.resolve("uploads").toString()))),
                new SecurityConfig(text(env, "MOORCHEH_ADMIN_KEY", ""),
                        bool(env, "MOORCHEH_ALLOW_UNAUTHENTICATED"),
                        SecurityConfig.list(text(env, "MOORCHEH_ALLOWED_HOSTS", "")),
                        SecurityConfig.list(text(env, "MOORCHEH_CORS_ORIGINS", ""))));
    }

    private static SearchMode searchMode(String name) {
        return SearchMode.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                "MOORCHEH_SEARCH_MODE must be one of dense, lexical or hybrid, got '" + name + "'"));
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        String value = text(env, name, "false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    private static List<Path> paths(String value) {
        List<Path> paths = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()));
            }
        }
        return paths;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + http.host() + ", port=" + http.port() + ", " + storage.describe()
                + ", maxItems=" + limits.maxItems() + ", maxRequestBytes=" + limits.maxRequestBytes()
                + ", embedding=" + providers.embedding() + ", llm=" + providers.llm()
                + ", allowedUploadPaths=" + ingestion.allowedUploadPaths() + ", " + security + "]";
    }
}
