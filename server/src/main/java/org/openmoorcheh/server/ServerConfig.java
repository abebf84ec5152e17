package org.openmoorcheh.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openmoorcheh.server.service.SearchMode;

/**
 * Every setting of the server, read once from the environment. Nothing else reads
 * {@code System.getenv}. Variable names follow the original Moorcheh on-prem server where it has
 * one; our own settings start with {@code MOORCHEH_}. Provider settings missing from the
 * environment are taken from {@code ~/.moorcheh/config.json} (the file the original CLI's
 * {@code configure} writes), then from each provider's defaults. Secrets ({@code *_API_KEY}) are
 * kept out of {@link #toString()}.
 *
 * @param host address to bind ({@code SERVER_HOST}, default 127.0.0.1)
 * @param port port to listen on, 0 for an ephemeral one ({@code SERVER_PORT}, default 8080)
 * @param dataDir directory of the database ({@code MOORCHEH_DATA_DIR}, default ~/.moorcheh/data)
 * @param databaseUrl a {@code jdbc:postgresql://} URL of a PostgreSQL database that several nodes
 *     may share ({@code MOORCHEH_DATABASE_URL}); empty for SQLite in {@code dataDir}
 * @param jobLease how long a node holds a job it runs without renewing: after a node dies, its jobs
 *     wait this long for another node ({@code MOORCHEH_JOB_LEASE_SECONDS}, default 30; PostgreSQL only)
 * @param maxItems global item cap ({@code MOORCHEH_MAX_ITEMS}, default 100000)
 * @param maxRequestBytes largest accepted request body ({@code MOORCHEH_MAX_REQUEST_BYTES}, default 32 MiB)
 * @param deleteBatchSize items removed per transaction by namespace delete jobs
 *     ({@code MOORCHEH_DELETE_BATCH_SIZE}, default 1000)
 * @param searchThreads threads that scan one large namespace in parallel
 *     ({@code MOORCHEH_SEARCH_THREADS}, default: the number of cores)
 * @param embeddingTimeout longest wait for one call to a remote embedding provider
 *     ({@code MOORCHEH_EMBEDDING_TIMEOUT_SECONDS}, default 60)
 * @param searchMode how text queries naming no {@code search_mode} are matched
 *     ({@code MOORCHEH_SEARCH_MODE}: dense, lexical or hybrid; default hybrid)
 * @param llmTimeout longest wait for one call to an LLM ({@code MOORCHEH_ANSWER_TIMEOUT}, seconds, default 180)
 * @param providerMaxRetries retries of a provider call that failed with 429, 5xx or a timeout
 *     ({@code MOORCHEH_PROVIDER_MAX_RETRIES}, default 2)
 * @param maxFileBytes largest file that file ingestion reads ({@code MOORCHEH_MAX_FILE_BYTES}, default 100 MiB)
 * @param chunkSize longest file chunk in characters ({@code MOORCHEH_CHUNK_SIZE}, default 800: about
 *     the 256 word pieces the default embedding model reads)
 * @param chunkOverlap characters shared by consecutive chunks ({@code MOORCHEH_CHUNK_OVERLAP}, default 100)
 * @param security API keys, accepted Host names and CORS origins ({@link SecurityConfig})
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        Duration jobLease,
        long maxItems,
        long maxRequestBytes,
        int deleteBatchSize,
        int searchThreads,
        SearchMode searchMode,
        String embeddingProvider,
        String embeddingModel,
        String embeddingApiKey,
        String embeddingBaseUrl,
        String llmProvider,
        String llmModel,
        String llmApiKey,
        String llmBaseUrl,
        Duration embeddingTimeout,
        Duration llmTimeout,
        int providerMaxRetries,
        long maxFileBytes,
        int chunkSize,
        int chunkOverlap,
        List<Path> allowedUploadPaths,
        SecurityConfig security) {

    /** The embedded, network-free embedding provider. */
    public static final String LOCAL_EMBEDDING_PROVIDER = "local";
    public static final String DEFAULT_EMBEDDING_MODEL = "all-minilm-l6-v2";
    /** No LLM configured: answers are extractive. */
    public static final String NO_LLM_PROVIDER = "none";
    public static final String EXTRACTIVE_MODEL = "extractive";

    private static final Set<String> EMBEDDING_PROVIDERS = Set.of(LOCAL_EMBEDDING_PROVIDER, "ollama", "openai", "cohere");
    private static final Set<String> LLM_PROVIDERS = Set.of(NO_LLM_PROVIDER, "ollama", "openai", "cohere");
    private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(
            "ollama", "http://localhost:11434",
            "openai", "https://api.openai.com/v1",
            "cohere", "https://api.cohere.com/v2");
    private static final Map<String, String> DEFAULT_EMBEDDING_MODELS = Map.of(
            LOCAL_EMBEDDING_PROVIDER, DEFAULT_EMBEDDING_MODEL,
            "ollama", "mxbai-embed-large",
            "openai", "text-embedding-3-small",
            "cohere", "embed-v4.0");
    private static final Map<String, String> DEFAULT_LLM_MODELS = Map.of(
            NO_LLM_PROVIDER, EXTRACTIVE_MODEL,
            "ollama", "qwen2.5",
            "openai", "gpt-4o-mini",
            "cohere", "command-r-08-2024");

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
        if (!EMBEDDING_PROVIDERS.contains(embeddingProvider)) {
            throw new IllegalArgumentException("EMBEDDING_PROVIDER must be one of " + sorted(EMBEDDING_PROVIDERS)
                    + ", got '" + embeddingProvider + "'");
        }
        if (!LLM_PROVIDERS.contains(llmProvider)) {
            throw new IllegalArgumentException("LLM_PROVIDER must be one of " + sorted(LLM_PROVIDERS)
                    + ", got '" + llmProvider + "'");
        }
        if (embeddingTimeout.isNegative() || embeddingTimeout.isZero() || llmTimeout.isNegative() || llmTimeout.isZero()) {
            throw new IllegalArgumentException("provider timeouts must be at least one second");
        }
        if (providerMaxRetries < 0) {
            throw new IllegalArgumentException("MOORCHEH_PROVIDER_MAX_RETRIES must be >= 0, got " + providerMaxRetries);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("MOORCHEH_MAX_FILE_BYTES must be >= 1, got " + maxFileBytes);
        }
        if (chunkSize < 100 || chunkOverlap < 0 || chunkOverlap >= chunkSize / 2) {
            throw new IllegalArgumentException("MOORCHEH_CHUNK_SIZE must be >= 100 and MOORCHEH_CHUNK_OVERLAP"
                    + " from 0 to less than half of it, got " + chunkSize + " and " + chunkOverlap);
        }
        if (allowedUploadPaths.isEmpty()) {
            throw new IllegalArgumentException("ALLOWED_UPLOAD_PATHS must name at least one folder");
        }
        allowedUploadPaths = allowedUploadPaths.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

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
        String embeddingProvider = text(env, "EMBEDDING_PROVIDER", LOCAL_EMBEDDING_PROVIDER).toLowerCase(Locale.ROOT);
        String llmProvider = text(env, "LLM_PROVIDER", NO_LLM_PROVIDER).toLowerCase(Locale.ROOT);
        // The original's legacy variables still configure an Ollama embedder.
        boolean ollama = embeddingProvider.equals("ollama");
        String embeddingModel = text(env, "EMBEDDING_MODEL", ollama ? text(env, "OLLAMA_MODEL", null) : null);
        String embeddingBaseUrl = text(env, "EMBEDDING_BASE_URL", ollama ? text(env, "OLLAMA_URL", null) : null);
        return new ServerConfig(
                text(env, "SERVER_HOST", "127.0.0.1"),
                (int) number(env, "SERVER_PORT", 8080),
                Path.of(text(env, "MOORCHEH_DATA_DIR", moorchehHome.resolve("data").toString())),
                databaseUrl(text(env, "MOORCHEH_DATABASE_URL", "")),
                Duration.ofSeconds(Math.max(1, number(env, "MOORCHEH_JOB_LEASE_SECONDS", 30))),
                number(env, "MOORCHEH_MAX_ITEMS", 100_000),
                number(env, "MOORCHEH_MAX_REQUEST_BYTES", 32L * 1024 * 1024),
                (int) number(env, "MOORCHEH_DELETE_BATCH_SIZE", 1000),
                (int) number(env, "MOORCHEH_SEARCH_THREADS", Runtime.getRuntime().availableProcessors()),
                searchMode(text(env, "MOORCHEH_SEARCH_MODE", SearchMode.HYBRID.wireName())),
                embeddingProvider,
                embeddingModel != null ? embeddingModel : DEFAULT_EMBEDDING_MODELS.getOrDefault(embeddingProvider, ""),
                text(env, "EMBEDDING_API_KEY", ""),
                embeddingBaseUrl != null ? embeddingBaseUrl : DEFAULT_BASE_URLS.getOrDefault(embeddingProvider, ""),
                llmProvider,
                text(env, "LLM_MODEL", DEFAULT_LLM_MODELS.getOrDefault(llmProvider, "")),
                // The original CLI reuses the embedding key when both use the same provider.
                text(env, "LLM_API_KEY", llmProvider.equals(embeddingProvider) ? text(env, "EMBEDDING_API_KEY", "") : ""),
                text(env, "LLM_BASE_URL", DEFAULT_BASE_URLS.getOrDefault(llmProvider, "")),
                Duration.ofSeconds(number(env, "MOORCHEH_EMBEDDING_TIMEOUT_SECONDS", 60)),
                Duration.ofSeconds(number(env, "MOORCHEH_ANSWER_TIMEOUT", 180)),
                (int) number(env, "MOORCHEH_PROVIDER_MAX_RETRIES", 2),
                number(env, "MOORCHEH_MAX_FILE_BYTES", 100L * 1024 * 1024),
                (int) number(env, "MOORCHEH_CHUNK_SIZE", 800),
                (int) number(env, "MOORCHEH_CHUNK_OVERLAP", 100),
                paths(text(env, "ALLOWED_UPLOAD_PATHS", moorchehHome.resolve("uploads").toString())),
                new SecurityConfig(text(env, "MOORCHEH_ADMIN_KEY", ""),
                        bool(env, "MOORCHEH_ALLOW_UNAUTHENTICATED"),
                        SecurityConfig.list(text(env, "MOORCHEH_ALLOWED_HOSTS", "")),
                        SecurityConfig.list(text(env, "MOORCHEH_CORS_ORIGINS", ""))));
    }

    private static String databaseUrl(String url) {
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("MOORCHEH_DATABASE_URL must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db:5432/moorcheh?user=moorcheh&password=..., or unset for SQLite");
        }
        return url;
    }

    /** True when the store is a PostgreSQL database (possibly shared with other nodes), not the SQLite file. */
    public boolean sharedDatabase() {
        return !databaseUrl.isEmpty();
    }

    private static SearchMode searchMode(String name) {
        return SearchMode.fromWire(name).orElseThrow(() -> new IllegalArgumentException(
                "MOORCHEH_SEARCH_MODE must be one of dense, lexical or hybrid, got '" + name + "'"));
    }

    /** True when answers come from a configured LLM rather than the extractive fallback. */
    public boolean hasLlm() {
        return !llmProvider.equals(NO_LLM_PROVIDER);
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

    private static boolean bool(Map<String, String> env, String name) {
        String value = text(env, name, "false").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
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
        return "ServerConfig[host=" + host + ", port=" + port
                + (sharedDatabase() ? ", database=" + databaseUrl.replaceAll("(?i)(password=)[^&]*", "$1***")
                        : ", dataDir=" + dataDir)
                + ", maxItems=" + maxItems + ", maxRequestBytes=" + maxRequestBytes
                + ", embedding=" + embeddingProvider + "/" + embeddingModel
                + (embeddingBaseUrl.isEmpty() ? "" : " at " + embeddingBaseUrl)
                + ", llm=" + llmProvider + "/" + llmModel
                + (llmBaseUrl.isEmpty() ? "" : " at " + llmBaseUrl)
                + ", allowedUploadPaths=" + allowedUploadPaths + ", " + security + "]";
    }
}
