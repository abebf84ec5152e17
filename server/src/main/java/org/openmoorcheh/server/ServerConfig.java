package org.openmoorcheh.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the server, read once from the environment. Nothing else reads
 * {@code System.getenv}. Variable names follow the original Moorcheh on-prem server where it has
 * one; our own settings start with {@code MOORCHEH_}. Secrets ({@code *_API_KEY}) are kept out of
 * {@link #toString()}.
 *
 * @param host address to bind ({@code SERVER_HOST}, default 127.0.0.1)
 * @param port port to listen on, 0 for an ephemeral one ({@code SERVER_PORT}, default 8080)
 * @param dataDir directory of the database ({@code MOORCHEH_DATA_DIR}, default ~/.moorcheh/data)
 * @param maxItems global item cap ({@code MOORCHEH_MAX_ITEMS}, default 100000)
 * @param maxRequestBytes largest accepted request body ({@code MOORCHEH_MAX_REQUEST_BYTES}, default 32 MiB)
 * @param deleteBatchSize items removed per transaction by namespace delete jobs
 *     ({@code MOORCHEH_DELETE_BATCH_SIZE}, default 1000)
 * @param searchThreads threads that scan one large namespace in parallel
 *     ({@code MOORCHEH_SEARCH_THREADS}, default: the number of cores)
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        long maxItems,
        long maxRequestBytes,
        int deleteBatchSize,
        int searchThreads,
        String embeddingProvider,
        String embeddingModel,
        String embeddingApiKey,
        String embeddingBaseUrl,
        String llmProvider,
        String llmModel,
        String llmApiKey,
        String llmBaseUrl,
        List<Path> allowedUploadPaths) {

    /** The embedded, network-free embedding provider. */
    public static final String LOCAL_EMBEDDING_PROVIDER = "local";
    public static final String DEFAULT_EMBEDDING_MODEL = "all-minilm-l6-v2";
    /** No LLM configured: answers are extractive. */
    public static final String NO_LLM_PROVIDER = "none";
    public static final String EXTRACTIVE_MODEL = "extractive";

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SERVER_PORT must be 0-65535, got " + port);
        }
        if (maxItems < 0) {
            throw new IllegalArgumentException("MOORCHEH_MAX_ITEMS must be >= 0, got " + maxItems);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("MOORCHEH_MAX_REQUEST_BYTES must be >= 1024, got " + maxRequestBytes);
        }
        if (searchThreads < 1) {
            throw new IllegalArgumentException("MOORCHEH_SEARCH_THREADS must be >= 1, got " + searchThreads);
        }
        if (deleteBatchSize < 1) {
            throw new IllegalArgumentException("MOORCHEH_DELETE_BATCH_SIZE must be >= 1, got " + deleteBatchSize);
        }
        allowedUploadPaths = List.copyOf(allowedUploadPaths);
    }

    /** Reads the configuration from {@code System.getenv()} and the user's home directory. */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads the configuration from the given variables; unset or blank variables take their defaults.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static ServerConfig fromEnvironment(Map<String, String> env, Path home) {
        Path moorchehHome = home.resolve(".moorcheh");
        String llmProvider = text(env, "LLM_PROVIDER", NO_LLM_PROVIDER);
        String defaultLlmModel = llmProvider.equals(NO_LLM_PROVIDER) ? EXTRACTIVE_MODEL : "";
        return new ServerConfig(
                text(env, "SERVER_HOST", "127.0.0.1"),
                (int) number(env, "SERVER_PORT", 8080),
                Path.of(text(env, "MOORCHEH_DATA_DIR", moorchehHome.resolve("data").toString())),
                number(env, "MOORCHEH_MAX_ITEMS", 100_000),
                number(env, "MOORCHEH_MAX_REQUEST_BYTES", 32L * 1024 * 1024),
                (int) number(env, "MOORCHEH_DELETE_BATCH_SIZE", 1000),
                (int) number(env, "MOORCHEH_SEARCH_THREADS", Runtime.getRuntime().availableProcessors()),
                text(env, "EMBEDDING_PROVIDER", LOCAL_EMBEDDING_PROVIDER),
                text(env, "EMBEDDING_MODEL", DEFAULT_EMBEDDING_MODEL),
                text(env, "EMBEDDING_API_KEY", ""),
                text(env, "EMBEDDING_BASE_URL", ""),
                llmProvider,
                text(env, "LLM_MODEL", defaultLlmModel),
                text(env, "LLM_API_KEY", ""),
                text(env, "LLM_BASE_URL", ""),
                paths(text(env, "ALLOWED_UPLOAD_PATHS", moorchehHome.resolve("uploads").toString())));
    }

    /** The SQLite database file. */
    public Path databaseFile() {
        return dataDir.resolve("moorcheh.db");
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
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", maxItems=" + maxItems + ", maxRequestBytes=" + maxRequestBytes
                + ", embedding=" + embeddingProvider + "/" + embeddingModel
                + (embeddingBaseUrl.isEmpty() ? "" : " at " + embeddingBaseUrl)
                + ", llm=" + llmProvider + "/" + llmModel
                + (llmBaseUrl.isEmpty() ? "" : " at " + llmBaseUrl)
                + ", allowedUploadPaths=" + allowedUploadPaths + "]";
    }
}
