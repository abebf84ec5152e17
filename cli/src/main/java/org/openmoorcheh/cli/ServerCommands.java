package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.openmoorcheh.client.MoorchehClient;
import org.openmoorcheh.client.MoorchehException;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code up}, {@code down}, {@code status}, {@code configure}. Where the original runs Docker
 * Compose, {@code up} starts the server jar as a background process of this machine: its log goes
 * to {@code ~/.moorcheh/server.log}, and its pid and port to {@code ~/.moorcheh/server.json}, which
 * {@code down} and the default {@code --base-url} read.
 */
final class ServerCommands {

    private ServerCommands() {
    }

    static Path stateFile(MoorchehCli root) {
        return root.moorchehHome().resolve("server.json");
    }

    /** The pid of the server {@code up} started, when that process is still alive. */
    static Optional<ProcessHandle> runningServer(MoorchehCli root) {
        Path state = stateFile(root);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        long pid = MoorchehCli.readJsonFile(state, "server state").path("pid").asLong(-1);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the server's health and item usage.")
    static final class Status extends ApiCommand {
        @Override
        JsonNode call(Raw api) {
            JsonNode health = api.get("/health");
            root.out.println("items: " + health.path("items").asLong() + " / " + health.path("max_items").asLong()
                    + "  |  remaining: " + health.path("remaining").asLong()
                    + "  |  embedding: " + health.path("embedding_provider").asText("ollama") + " / "
                    + health.path("model").asText()
                    + "  |  llm: " + health.path("llm_provider").asText() + " / " + health.path("llm_model").asText());
            return health;
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the server in the background on this machine (no Docker) and wait until it answers.")
    static final class Up implements Callable<Integer> {
        /**
         * The server's memory when {@code MOORCHEH_JAVA_OPTS} does not say: 1 GiB of heap holds the
         * index's codes and ids of several million items beside four maximum-size request bodies in
         * flight; the vectors live off the heap, up to 4 GiB (about 2.7 million 384-d items).
         * docs/BENCHMARKS.md, "Memory", has the figures.
         */
        static final String DEFAULT_JAVA_OPTS = "-Xmx1g -XX:MaxDirectMemorySize=4g";

        /** The module of the Vector API, which the engine's SIMD kernels use on Java 21 and later. */
        static final String VECTOR_MODULE = "jdk.incubator.vector";

        /**
         * The server's JVM options: {@code MOORCHEH_JAVA_OPTS} or the default memory, and on Java 21+
         * (the server runs on this CLI's Java) the Vector API module, so that search uses the SIMD
         * kernels (docs/ARCHITECTURE.md); {@code -Dmoorcheh.kernels=scalar} in the options turns them off.
         */
        static List<String> javaOptions(String configured, int javaFeature) {
            String options = configured == null || configured.isBlank() ? DEFAULT_JAVA_OPTS : configured.trim();
            List<String> all = new java.util.ArrayList<>(List.of(options.split("\\s+")));
            if (javaFeature >= 21 && !options.contains(VECTOR_MODULE)) {
                all.addAll(List.of("--add-modules", VECTOR_MODULE));
            }
            return all;
        }

        @ParentCommand
        MoorchehCli root;

        @Option(names = "--server-port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--embedding-provider", description = "local, ollama, openai or cohere (default: config.json, else local).")
        String embeddingProvider;

        @Option(names = {"--embedding-model", "--ollama-model"}, description = "Embedding model.")
        String embeddingModel;

        @Option(names = "--embedding-api-key", description = "Key for a cloud embedding provider.")
        String embeddingApiKey;

        @Option(names = "--data-dir", description = "Data directory (default ~/.moorcheh/data).")
        Path dataDir;

        @Option(names = "--server-jar", description = "The server jar (default: next to this CLI, or MOORCHEH_SERVER_JAR).")
        Path serverJar;

        @Option(names = "--wait-timeout", defaultValue = "120", description = "Seconds to wait for /health (default ${DEFAULT-VALUE}).")
        int waitTimeout;

        // Accepted for compatibility with the original's Docker-based `up`; they have no effect here.
        @Option(names = {"--server-image", "--ollama-image", "--ollama-host"}, hidden = true)
        String ignoredText;

        @Option(names = "--ollama-port", hidden = true)
        Integer ignoredPort;

        @Option(names = {"--bundled-ollama", "--use-host-ollama", "--configure", "--no-configure",
                "--skip-ollama-model-pull"}, hidden = true)
        boolean ignoredFlag;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Optional<ProcessHandle> running = runningServer(root);
            if (running.isPresent()) {
                root.err.println("Moorcheh server already running (pid " + running.get().pid() + "); `moorcheh down` stops it.");
                return 0;
            }
            Path jar = serverJar(root, serverJar);
            Files.createDirectories(root.moorchehHome());
            Path log = root.moorchehHome().resolve("server.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new java.util.ArrayList<>(List.of(java));
            command.addAll(javaOptions(System.getenv("MOORCHEH_JAVA_OPTS"), Runtime.version().feature()));
            command.addAll(List.of("-Duser.home=" + root.home, "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            // The server takes ~ from $HOME, as this command does.
            env.put("HOME", root.home.toString());
            putIfSet(env, "EMBEDDING_PROVIDER", embeddingProvider);
            putIfSet(env, "EMBEDDING_MODEL", embeddingModel);
            putIfSet(env, "EMBEDDING_API_KEY", embeddingApiKey);
            if (dataDir != null) {
                env.put("MOORCHEH_DATA_DIR", dataDir.toAbsolutePath().toString());
            }
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            ObjectNode state = MoorchehCli.MAPPER.createObjectNode();
            state.put("pid", process.pid());
            state.put("port", port);
            state.put("started_at", Instant.now().toString());
            state.put("log", log.toString());
            Files.writeString(stateFile(root), state.toString());

            MoorchehClient client = MoorchehClient.builder("http://localhost:" + port).timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitTimeout);
            while (true) {
                if (!process.isAlive()) {
                    Files.deleteIfExists(stateFile(root));
                    root.err.println("Error: the server exited with code " + process.exitValue() + "; see " + log);
                    return 1;
                }
                try {
                    JsonNode health = client.raw().get("/health");
                    root.out.println("Moorcheh server running at http://localhost:" + port + " (pid " + process.pid()
                            + ", log " + log + ")");
                    root.print(health);
                    return 0;
                } catch (MoorchehException notYet) {
                    if (System.nanoTime() > deadline) {
                        root.err.println("Error: the server did not answer within " + waitTimeout + " s; see " + log);
                        return 1;
                    }
                    Thread.sleep(250);
                }
            }
        }

    }

    /** The server jar: the option, else MOORCHEH_SERVER_JAR, else lib/moorcheh-server.jar beside this jar. */
    static Path serverJar(MoorchehCli root, Path serverJar) {
            if (serverJar != null) {
                return existing(serverJar);
            }
            String fromEnv = root.env.get("MOORCHEH_SERVER_JAR");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return existing(Path.of(fromEnv));
            }
            String fromProperty = System.getProperty("moorcheh.server.jar");
            if (fromProperty != null) {
                return existing(Path.of(fromProperty));
            }
            try {
                Path self = Path.of(ServerCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return existing(self.resolveSibling("moorcheh-server.jar"));
            } catch (URISyntaxException | SecurityException e) {
                throw new MoorchehCli.UsageException("cannot find the server jar; pass --server-jar");
            }
        }

    private static Path existing(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new MoorchehCli.UsageException("server jar " + jar + " not found; pass --server-jar"
                        + " (build it with ./mvnw -DskipTests package)");
            }
            return jar;
        }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the server `moorcheh up` started (data is kept).")
    static final class Down implements Callable<Integer> {
        @ParentCommand
        MoorchehCli root;

        @Option(names = {"--bundled-ollama", "--use-host-ollama"}, hidden = true)
        boolean ignoredFlag;

        @Override
        public Integer call() throws IOException {
            Optional<ProcessHandle> running = runningServer(root);
            if (running.isEmpty()) {
                Files.deleteIfExists(stateFile(root));
                root.out.println("Moorcheh server is not running.");
                return 0;
            }
            ProcessHandle server = running.get();
            server.destroy();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillAlive) {
                root.err.println("The server did not stop within 30 s; killing it.");
                server.destroyForcibly();
            }
            Files.deleteIfExists(stateFile(root));
            root.out.println("Moorcheh server stopped (pid " + server.pid() + "). Data is kept in "
                    + root.moorchehHome().resolve("data") + ".");
            return 0;
        }
    }

    @Command(name = "configure", mixinStandardHelpOptions = true,
            description = "Write ~/.moorcheh/config.json (embedding and LLM providers), which the server reads at start.")
    static final class Configure implements Callable<Integer> {
        @ParentCommand
        MoorchehCli root;

        @Option(names = "--force", description = "Overwrite an existing config.json.")
        boolean force;

        @Option(names = "--embedding-provider", defaultValue = "local", description = "local, ollama, openai or cohere (default ${DEFAULT-VALUE}).")
        String embeddingProvider;

        @Option(names = "--embedding-model", description = "Embedding model (default: the provider's first choice).")
        String embeddingModel;

        @Option(names = "--embedding-base-url", description = "Embedding provider URL (default: the provider's).")
        String embeddingBaseUrl;

        @Option(names = "--embedding-api-key", description = "Key for a cloud embedding provider.")
        String embeddingApiKey;

        @Option(names = "--llm-provider", defaultValue = "none", description = "none, ollama, openai or cohere (default ${DEFAULT-VALUE}).")
        String llmProvider;

        @Option(names = "--llm-model", description = "Default LLM model.")
        String llmModel;

        @Option(names = "--llm-base-url", description = "LLM provider URL.")
        String llmBaseUrl;

        @Option(names = "--llm-api-key", description = "Key for a cloud LLM provider.")
        String llmApiKey;

        @Override
        public Integer call() throws IOException {
            Path file = root.moorchehHome().resolve("config.json");
            if (Files.exists(file) && !force) {
                root.err.println("Error: " + file + " exists; pass --force to overwrite it.");
                return 1;
            }
            if (!ProviderCatalogue.embeddingProviders().contains(embeddingProvider)
                    || !ProviderCatalogue.llmProviders().contains(llmProvider)) {
                throw new MoorchehCli.UsageException("providers: embedding " + String.join("|",
                        ProviderCatalogue.embeddingProviders()) + ", llm " + String.join("|", ProviderCatalogue.llmProviders()));
            }
            ObjectNode config = MoorchehCli.MAPPER.createObjectNode();
            section(config.putObject("embedding"), embeddingProvider,
                    embeddingModel != null ? embeddingModel : ProviderCatalogue.defaultEmbeddingModel(embeddingProvider).orElseThrow(),
                    embeddingBaseUrl, embeddingApiKey);
            section(config.putObject("llm"), llmProvider, llmModel != null ? llmModel : ProviderCatalogue.defaultLlmModel(llmProvider).orElseThrow(),
                    llmBaseUrl, llmApiKey);
            Files.createDirectories(root.moorchehHome());
            Files.writeString(file, JsonOutput.indented(config) + System.lineSeparator());
            if (File.separatorChar == '/') {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            root.out.println("Wrote " + file + "; restart the server (moorcheh down, moorcheh up) to use it.");
            return 0;
        }

        private static void section(ObjectNode section, String provider, String model, String baseUrl, String apiKey) {
            section.put("provider", provider);
            section.put("model", model);
            String url = baseUrl != null ? baseUrl : ProviderCatalogue.defaultBaseUrl(provider);
            if (!url.isEmpty()) {
                section.put("base_url", url);
            }
            if (apiKey != null && !apiKey.isBlank()) {
                section.put("api_key", apiKey);
            }
        }
    }
}
