package org.openmoorcheh.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.ServerConfig;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * A real server on an ephemeral loopback port with its data in a test's temporary directory.
 * {@link #restart()} stops it and starts a new one on the same data, as a process restart would.
 */
public final class TestServer implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> env;
    private ServerApp app;
    private Api api;

    private TestServer(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
        boot();
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

    public ServerConfig config() {
        return app.config();
    }

    public void restart() {
        restart(store -> { });
    }

    /** Stops the server, lets {@code whileDown} change its data directly, and starts it again. */
    public void restart(Consumer<Store> whileDown) {
        app.close();
        try (Store store = SqliteStore.open(config().databaseFile())) {
            whileDown.accept(store);
        }
        boot();
    }

    @Override
    public void close() {
        app.close();
    }
}
