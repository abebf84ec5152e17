package org.openmoorcheh.langchain4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/** A real server in this JVM on an ephemeral loopback port, its data in a fresh temporary directory. */
final class TestServer implements AutoCloseable {

    private final ServerApp app;
    private final Path dir;

    TestServer() {
        try {
            dir = Files.createTempDirectory("moorcheh-langchain4j");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", "0");
        env.put("MOORCHEH_DATA_DIR", dir.resolve("data").toString());
        env.put("ALLOWED_UPLOAD_PATHS", dir.resolve("uploads").toString());
        app = ServerApp.start(ServerConfig.fromEnvironment(env, dir));
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.close();
    }
}
