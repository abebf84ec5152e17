package org.openmoorcheh.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.postgres.PostgresServer;
import org.openmoorcheh.store.postgres.PostgresStore;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * A real server on an ephemeral loopback port with its data in a test's temporary directory.
 * {@link #restart()} stops it and starts a new one on the same data, as a process restart would.
 *
 * <p>With {@code -Dmoorcheh.test.cluster=postgres} the server is instead one node of a two-node
 * cluster on a fresh PostgreSQL database (a real server the tests start): the other node is a
 * second server in this JVM on the same database and upload folder, with its own index, job
 * workers and port, so jobs may run on either node. The build runs the HTTP API suite this way too
 * ({@code api-on-cluster} in server/pom.xml). A peer in this JVM rather than a child process
 * costs a fraction of a second instead of a JVM start per test; what only a separate process can
 * show (SIGKILL, a node's memory lost) is {@code MultiNodeIT}'s and the crash suites' job.
 */
public final class TestServer implements AutoCloseable {

    private static final boolean CLUSTER = "postgres".equals(System.getProperty("moorcheh.test.cluster"));
    /** On a cluster: the database of each data directory (dropped with the test server at JVM exit). */
    private static final Map<Path, String> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dataDir;
    private final Map<String, String> env;
    private ServerApp app;
    private Api api;
    /** On a cluster: the database URL and the other node. */
    private String databaseUrl;
    private ServerApp peer;

    private TestServer(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        if (CLUSTER) {
            // One database per data directory: a test that starts a new server on the same directory
            // expects the same data, as on SQLite.
            databaseUrl = DATABASES.computeIfAbsent(dataDir, dir -> PostgresServer.shared().freshDatabase());
            Map<String, String> clustered = new HashMap<>(env);
            clustered.put("MOORCHEH_DATABASE_URL", databaseUrl);
            clustered.putIfAbsent("MOORCHEH_JOB_LEASE_SECONDS", "5");
            this.env = clustered;
        } else {
            this.env = env;
        }
        boot();
        if (CLUSTER) {
            try {
                Path peerHome = java.nio.file.Files.createDirectories(dataDir.resolve("peer"));
                Map<String, String> peerEnv = new HashMap<>(this.env);
                // Same upload folder: a file job accepted here may run there.
                peerEnv.put("ALLOWED_UPLOAD_PATHS", dataDir.resolve("uploads").toString());
                peer = ServerApp.start(ServerConfig.fromEnvironment(environment(peerHome, peerEnv), peerHome));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Whether tests run against a node of a PostgreSQL cluster ({@code -Dmoorcheh.test.cluster=postgres}). */
    public static boolean onCluster() {
        return CLUSTER;
    }

    /** Starts a server on the embedded defaults, with {@code env} overriding any variable. */
    public static TestServer start(Path dataDir, Map<String, String> env) {
        return new TestServer(dataDir, env);
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** The environment a test server runs with: temp data dir, port 0, plus the overrides. */
    public static Map<String, String> environment(Path dataDir, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>();
        all.put("SERVER_PORT", "0");
        all.put("MOORCHEH_DATA_DIR", dataDir.resolve("data").toString());
        all.put("ALLOWED_UPLOAD_PATHS", dataDir.resolve("uploads").toString());
        all.putAll(overrides);
        return all;
    }

    private void boot() {
        ServerConfig config = ServerConfig.fromEnvironment(environment(dataDir, env), dataDir);
        app = ServerApp.start(config);
        api = new Api(app.port());
    }

    public Api api() {
        return api;
    }

    /** The routes of the running server ({@link ServerApp#routes()}). */
    public java.util.List<String> routes() {
        return app.routes();
    }

    public ServerConfig config() {
        return app.config();
    }

    public void restart() {
        restart(store -> { });
    }

    /** Stops the server, lets {@code whileDown} change its data directly, and starts it again. */
    public void restart(Consumer<Store> whileDown) {
        app.close();
        try (Store store = CLUSTER ? PostgresStore.open(databaseUrl) : SqliteStore.open(config().storage().databaseFile())) {
            whileDown.accept(store);
        }
        boot();
    }

    @Override
    public void close() {
        app.close();
        if (peer != null) {
            peer.close();
        }
    }
}
