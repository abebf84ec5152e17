package org.openmoorcheh.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider stub for every test, and a server pointed at it on demand: {@link #start} makes the
 * stub speak one provider's wire format and starts a server using it as embedder and LLM.
 */
public abstract class ProviderStubTestBase {

    @TempDir
    protected Path dir;
    protected ProviderStub stub;
    protected TestServer server;

    @BeforeEach
    void startStub() {
        stub = ProviderStub.start();
    }

    @AfterEach
    void stopServerAndStub() {
        if (server != null) {
            server.close();
        }
        stub.close();
    }

    /** Serves {@code wire} (chat replies are {@code chatText}) and starts a server on it, models {@code *-model-1}. */
    protected Api start(ProviderWire wire, String chatText, Map<String, String> overrides) {
        wire.serve(stub, chatText);
        Map<String, String> env = new HashMap<>(wire.environment(stub, "embed-model-1", "chat-model-1"));
        env.putAll(overrides);
        server = TestServer.start(dir, env);
        return server.api();
    }
}
