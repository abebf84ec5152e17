package org.openmoorcheh.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.ChildServer;

/**
 * SIGTERM as soon as the server answers, while the embedding model is still loading on its warm-up
 * thread: the server stops cleanly. ONNX Runtime frees its environment from a JVM shutdown hook of
 * its own; when the server was stopped from a hook too, both ran together and the load failed
 * ("Attempt to use DefaultLogger but none has been registered") or crashed the process (SIGSEGV in
 * libonnxruntime, or an abort), in three runs of three by hand.
 */
class StopWhileWarmingIT {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aServerStoppedWhileItsModelLoadsStopsCleanly() {
        ChildServer server = ChildServer.start(dir, Map.of());
        String log;
        try {
            assertThat(server.logText()).doesNotContain("warmed up in");
        } finally {
            server.close();
            log = server.logText();
        }
        assertThat(log).doesNotContain("could not be warmed up")
                .doesNotContain("A fatal error has been detected");
        assertThat(server.exitValue()).isEqualTo(143);
    }
}
