package org.openmoorcheh.server.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh server on the embedded defaults for every test, in the test's temporary directory.
 * Subclasses may add their own {@code @BeforeEach}; JUnit runs this one first.
 */
public abstract class RunningServerTestBase {

    @TempDir
    protected Path dir;
    protected TestServer server;
    protected Api api;

    @BeforeEach
    void startServer() {
        server = TestServer.start(dir);
        api = server.api();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
