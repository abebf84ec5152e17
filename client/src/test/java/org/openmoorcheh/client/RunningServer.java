package org.openmoorcheh.client;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/** A real server in this JVM on an ephemeral port, its data and uploads in a test's temporary directory. */
final class RunningServer implements AutoCloseable {

    private final ServerApp app;
    final Path uploads;

    RunningServer(Path dir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", "0");
        env.put("MOORCHEH_DATA_DIR", dir.resolve("data").toString());
        env.put("ALLOWED_UPLOAD_PATHS", dir.resolve("uploads").toString());
        env.putAll(overrides);
        app = ServerApp.start(ServerConfig.fromEnvironment(env, dir));
        uploads = dir.resolve("uploads");
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.close();
    }
}
